# SPDX-License-Identifier: GPL-2.0
# Sourced by run.sh: tcpinsightctl ports and the summary keys of the
# runtime control.

golden ports-text "$expected/full.ports.txt" "$fix/full" ports
golden ports-json-exact "$expected/full.ports.json" "$fix/full" ports --json
golden status-control-keys "$expected/full.status.txt" "$fix/full" status

pycheck status-json-control-keys '
s = d["summary"]
assert list(s)[-5:] == ["events_on", "events_rate", "filter_ports", "filter_netns", "filtered"], list(s)
assert s["events_on"] == 1 and s["events_rate"] == 0 and s["filtered"] == 0, s
assert s["filter_ports"] == "-" and s["filter_netns"] == "-", s
' "$fix/full" status --json

# What ports --json must be, from the files alone: largest count first,
# then netns, port, reason (and counter for tcp).
ports_ref='
def table(path):
    lines = [l.split() for l in open(path).read().splitlines() if l.strip()]
    return [dict(zip(lines[0], r)) for r in lines[1:]]
def ref(dir):
    p = [{"netns": int(r["netns"]), "port": int(r["port"]), "reason": r["reason"], "count": int(r["count"])} for r in table(dir + "/ports")]
    p.sort(key=lambda x: (-x["count"], x["netns"], x["port"], x["reason"]))
    t = [{"netns": int(r["netns"]), "port": int(r["port"]), "counter": r["counter"], "reason": r["reason"], "count": int(r["count"])} for r in table(dir + "/tcp")]
    t.sort(key=lambda x: (-x["count"], x["netns"], x["port"], x["counter"], x["reason"]))
    return {"ports": p, "tcp": t}
'
pycheck ports-json "$ports_ref"'
assert d == ref("'"$fix/full"'"), d
assert d["ports"][0] == {"netns": 4026531840, "port": 9, "reason": "NO_SOCKET", "count": 1234000}, d["ports"][0]
assert d["tcp"][0]["counter"] == "sndbuf_wait_us", d["tcp"][0]
' "$fix/full" ports --json

# Columns by name: reordered and appended columns change nothing.
shuffled=$tmp/shuffled
mkdir -p "$shuffled"
cp "$fix/full/"* "$shuffled/"
awk '{ print $4, $3, $1, $2 }' "$fix/full/ports" > "$shuffled/ports"
awk 'NR == 1 { print $0, "first_seen"; next } { print $0, 17 }' "$fix/full/tcp" |
	awk '{ print $6, $5, $4, $3, $2, $1 }' > "$shuffled/tcp"
golden ports-reordered "$expected/full.ports.txt" "$shuffled" ports
golden ports-json-reordered "$expected/full.ports.json" "$shuffled" ports --json

# A module from before the tcp table: its ports still show.
notcp=$tmp/notcp
mkdir -p "$notcp"
cp "$fix/full/"* "$notcp/"
rm "$notcp/tcp"
pycheck ports-json-no-tcp "$ports_ref"'
assert d["tcp"] is None and d["ports"] == ref("'"$fix/full"'")["ports"], d
' "$notcp" ports --json
run "$notcp" ports
if [ "$rc" -eq 0 ] && ! grep -q COUNTER "$tmp/out" && grep -q '^NETNS  *PORT  *REASON  *COUNT$' "$tmp/out"; then
	pass ports-text-no-tcp
else
	fail ports-text-no-tcp "exit $rc: $(tr '\n' '|' < "$tmp/out")"
fi

pycheck ports-json-empty '
assert d == {"ports": [], "tcp": []}, d
' "$(mkdir -p "$tmp/emptyports" && cp "$fix/empty/"* "$tmp/emptyports/" &&
	echo 'netns port reason count' > "$tmp/emptyports/ports" &&
	echo 'netns port counter reason count' > "$tmp/emptyports/tcp" &&
	echo "$tmp/emptyports")" ports --json

badports=$tmp/badports
mkdir -p "$badports"
bad_ports() {
	local name=$1 file=$2 pattern=$3
	rm -f "$badports"/*
	cp "$fix/full/"* "$badports/"
	cat > "$badports/$file"
	fails "ports-$name" 1 "$pattern" "$badports" ports
}
printf 'netns port reason count\n1 80 NO_SOCKET 3\n2 80 NO_SOCKET 1\n1 80 NO_SOCKET 4\n' |
	bad_ports duplicate ports "^tcpinsightctl: $badports/ports:4: the same netns, port and reason as line 2\$"
printf 'netns port reason count\n1 65536 NO_SOCKET 3\n' |
	bad_ports bad-port ports "^tcpinsightctl: $badports/ports:2: column 'port': '65536' is not a port number\$"
printf 'netns port reason count\n1 80 NO_SOCKET -3\n' |
	bad_ports bad-count ports "^tcpinsightctl: $badports/ports:2: column 'count': '-3' is not an unsigned decimal integer\$"
printf 'netns port count\n1 80 3\n' |
	bad_ports no-reason ports "^tcpinsightctl: $badports/ports:1: no column 'reason' in the header\$"
printf 'netns port counter reason count\n1 80 rst_sent NO_SOCKET 3\n1 80 rst_sent NO_SOCKET 4\n' |
	bad_ports tcp-duplicate tcp "^tcpinsightctl: $badports/tcp:3: the same netns, port, counter and reason as line 2\$"
printf 'netns port counter reason count\n1 80 rst_sent NO_SOCKET\n' |
	bad_ports tcp-short tcp "^tcpinsightctl: $badports/tcp:2: row has 4 fields, the header names 5 columns\$"
fails ports-missing 1 "^tcpinsightctl: $fix/normal/ports: cannot open: No such file or directory\$" \
	"$fix/normal" ports
usage ports-extra-argument ports 80
usage ports-unknown-option ports --port=80
