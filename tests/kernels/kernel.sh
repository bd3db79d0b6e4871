#!/bin/bash
# Fetch the Debian kernels tcpinsight supports and build out-of-tree modules
# against them.  Everything downloaded or built lives under the cache root so
# a warm machine does no network traffic.
#
#   kernel.sh list
#   kernel.sh fetch   KVER                 -> dir with vmlinuz, release, modules/
#   kernel.sh build   KVER SRC OUT [make args...]
#   kernel.sh chroot  KVER                 -> build chroot of that release
#   kernel.sh headers KVER                 -> headers build dir (host path)
#   kernel.sh exec    KVER CMD [ARGS...]   run CMD inside the chroot, with
#                                          /proc and /sys in a private mount
#                                          namespace (dkms needs them)
#
# KVER is one of 5.10 (bullseye), 6.1 (bookworm, native on the host),
# 6.12 (trixie), 7.2 (sid), or debug: a 6.1 kernel built here from
# Debian's linux-source-6.1 with tests/kernels/debug.config (KASAN, UBSAN,
# lockdep, kmemleak, fault injection), cached by a hash of that fragment,
# the source and the compiler.  `fetch debug` builds it when the cache has
# none (with -j2 about 15 minutes); `build debug` builds a module against
# its build tree with the host's compiler; it has no chroot.
#
# Environment:
#   TCPI_CACHE          cache root (default /var/cache/tcpinsight)
#   TCPI_APT_REFRESH=1  re-read the mirror's package lists first
#   TCPI_JOBS           make -j (default: nproc)
#   TCPI_DEBUG_KERNEL_KEEP=N  debug kernel builds kept (default 2)
#   TCPI_TIMES          make check's timing file: each chroot, kernel and
#                       headers step adds its line (tests/lib/times.sh)

# shellcheck disable=SC2317 # the exit after main hides indirect calls
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/times.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/times.sh"

CACHE=${TCPI_CACHE:-/var/cache/tcpinsight}
KVERS=(5.10 6.1 6.12 7.2)
# Not a Debian release: see do_fetch_debug.
DEBUG_KVER=debug
DEBUG_FRAGMENT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/debug.config
# Bump when the way the debug kernel is built changes, not its fragment.
DEBUG_RECIPE=1
# Modules the VM tests insmod; their dependencies are added automatically.
WANT_MODULES=(tun veth drop_monitor)
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
NATIVE_KVER=6.1
# sid's and the security suites' Release files expire within a week; a
# mirror serving a frozen snapshot would then be refused although its
# signature still checks out.  Signatures are always verified.
APT_CHECK_VALID_UNTIL=false
# Bump when the chroot contents change, so cached chroots get topped up.
CHROOT_RECIPE=2

# With TCPI_APT_REFRESH=1, anything resolved before this run is stale.
START=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
export LC_ALL=C

die() { echo "kernel.sh: $*" >&2; exit 1; }
log() { echo "kernel.sh: $*" >&2; }

# One step at a time (a chroot, a kernel, headers) for make check's timing
# table: a hit unless it had to download or build (STEP_CACHE=miss). Its
# log is its own (STEP_LOG) or the file our messages go to.
STEP="" STEP_START="" STEP_CACHE="" STEP_LOG=""
step_begin() {
	STEP=$1
	STEP_START=$(date +%s)
	STEP_CACHE=hit
	STEP_LOG=
}

step_end() {
	local log=$STEP_LOG
	if [[ -z $STEP || -z ${TCPI_TIMES:-} ]]; then
		STEP=
		return 0
	fi
	if [[ -z $log ]]; then
		log=$(readlink /proc/self/fd/2 || true)
		[[ -f $log ]] || log=-
	fi
	times_add "$STEP" "$STEP_START" "$(($(date +%s) - STEP_START))" \
		"$STEP_CACHE" "${1:-0}" "$log"
	STEP=
}

usage() {
	sed -n '2,/^$/{/^#/!d;s/^# \{0,1\}//;p}' "$0" >&2
	exit 2
}

suite_of() {
	case $1 in
	5.10) echo bullseye ;;
	6.1) echo bookworm ;;
	6.12) echo trixie ;;
	7.2) echo sid ;;
	*) die "unsupported kernel '$1' (supported: ${KVERS[*]})" ;;
	esac
}

# The kernel series a KVER stands for; a package whose version is outside it
# means the mirror moved on and the scripts need updating.
series_re() {
	local k=${1//./\\.}
	echo "^${k}[.-]"
}

# Mirrors come from the host's apt configuration, so whatever the machine is
# allowed to reach is what we use.
mirror_urls() {
	local f uris=()
	for f in /etc/apt/sources.list.d/*.sources; do
		[[ -r $f ]] || continue
		while read -r key val; do
			[[ $key == URIs: ]] || continue
			read -ra val <<<"$val"
			uris+=("${val[@]}")
		done <"$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[[ -r $f ]] || continue
		while read -r typ rest; do
			[[ $typ == deb ]] || continue
			rest=${rest#\[*\] }
			uris+=("${rest%% *}")
		done <"$f"
	done
	printf '%s\n' "${uris[@]}" | awk '!seen[$0]++'
}

MAIN_MIRROR=
SEC_MIRROR=
find_mirrors() {
	[[ -n $MAIN_MIRROR ]] && return 0
	local u
	while read -r u; do
		u=${u%/}
		case $u in
		*debian-security) [[ -n $SEC_MIRROR ]] || SEC_MIRROR=$u ;;
		*/debian) [[ -n $MAIN_MIRROR ]] || MAIN_MIRROR=$u ;;
		esac
	done < <(mirror_urls)
	[[ -n $MAIN_MIRROR ]] || die "no Debian mirror (…/debian) found in the host's apt sources"
	if [[ -z $SEC_MIRROR ]]; then
		# Same host, conventional path: still a mirror apt already uses.
		SEC_MIRROR=${MAIN_MIRROR%/debian}/debian-security
	fi
}

# One-line sources entries for a release.  bullseye-security is left out:
# its kernel images have been seen to 404 on the mirror, and the point
# release kernel is what we pin anyway.
sources_for() {
	local suite=$1 opt="[signed-by=$KEYRING]"
	find_mirrors
	echo "deb $opt $MAIN_MIRROR $suite main"
	case $suite in
	bookworm)
		echo "deb $opt $MAIN_MIRROR $suite-updates main"
		echo "deb $opt $SEC_MIRROR $suite-security main"
		;;
	trixie)
		echo "deb $opt $MAIN_MIRROR $suite-updates main"
		echo "deb $opt $SEC_MIRROR $suite-security main"
		;;
	esac
}

have_host_pkgs() {
	local p
	for p; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || return 1
	done
}

host_apt_updated=
host_install() {
	have_host_pkgs "$@" && return 0
	[[ $(id -u) == 0 ]] || die "need root to install: $*"
	log "installing on the host: $*"
	local opts=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=600)
	if ! apt-get install "${opts[@]}" "$@" >&2; then
		[[ -z $host_apt_updated ]] || die "apt-get install $* failed"
		apt-get update -q -o DPkg::Lock::Timeout=600 >&2
		host_apt_updated=1
		apt-get install "${opts[@]}" "$@" >&2 || die "apt-get install $* failed"
	fi
}

# --- private apt state per release -------------------------------------------

# True when TCPI_APT_REFRESH=1 and FILE predates this run.
stale() {
	[[ ${TCPI_APT_REFRESH:-0} == 1 ]] && (($(stat -c %Y "$1") < START))
}

aptdir() { echo "$CACHE/apt/$(suite_of "$1")"; }

apt_opts() {
	local a
	a=$(aptdir "$1")
	APT_OPTS=(
		-o "Dir::Etc::SourceList=$a/sources.list"
		-o "Dir::Etc::SourceParts=$a/sources.list.d"
		-o "Dir::Etc::Preferences=$a/preferences"
		-o "Dir::Etc::PreferencesParts=$a/preferences.d"
		-o "Dir::State::Lists=$a/lists"
		-o "Dir::State::Status=$a/status"
		-o "Dir::Cache=$a/cache"
		-o "APT::Architecture=amd64"
		-o "APT::Architectures=amd64"
		-o "Acquire::Languages=none"
		-o "Acquire::Retries=3"
		-o "APT::Sandbox::User=root"
		-o "Acquire::Check-Valid-Until=$APT_CHECK_VALID_UNTIL"
	)
}

apt_update() {
	local kver=$1 a
	a=$(aptdir "$kver")
	apt_opts "$kver"
	log "reading $(suite_of "$kver") package lists"
	apt-get "${APT_OPTS[@]}" -q update >&2 ||
		die "apt-get update for $(suite_of "$kver") failed"
	touch "$a/updated"
}

apt_setup() {
	local kver=$1 a
	a=$(aptdir "$kver")
	mkdir -p "$a/sources.list.d" "$a/preferences.d" "$a/lists/partial" \
		"$a/cache/archives/partial"
	touch "$a/status"
	sources_for "$(suite_of "$kver")" >"$a/sources.list.new"
	if ! cmp -s "$a/sources.list.new" "$a/sources.list" 2>/dev/null; then
		mv "$a/sources.list.new" "$a/sources.list"
		rm -f "$a/updated"
	else
		rm -f "$a/sources.list.new"
	fi
	if [[ ! -e $a/updated ]] || stale "$a/updated"; then
		apt_update "$kver"
	fi
	apt_opts "$kver"
}

apt_q() { apt-cache "${APT_OPTS[@]}" "$@"; }

# The cloud-amd64 ABI the release currently ships, from the meta package.
# Pinned in the cache once resolved, so the image, the headers and the
# chroot always agree; TCPI_APT_REFRESH=1 re-resolves.
resolve_release() {
	local kver=$1 f r ver
	f="$CACHE/kernels/$kver.release"
	if [[ -s $f ]] && ! stale "$f"; then
		cat "$f"
		return 0
	fi
	apt_setup "$kver"
	r=$(apt_q depends linux-image-cloud-amd64 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\(.*-cloud-amd64\)\(-unsigned\)\{0,1\}$/\1/p' | head -n1)
	[[ -n $r ]] || die "no linux-image-cloud-amd64 in $(suite_of "$kver")"
	ver=$(apt_q show --no-all-versions "linux-headers-$r" 2>/dev/null | sed -n 's/^Version: //p' | head -n1)
	[[ -n $ver ]] || die "linux-headers-$r not found in $(suite_of "$kver")"
	[[ $ver =~ $(series_re "$kver") ]] ||
		die "$(suite_of "$kver") now ships kernel $ver, not $kver: update kernel.sh"
	mkdir -p "$CACHE/kernels"
	echo "$r" >"$f.tmp"
	mv "$f.tmp" "$f"
	echo "$r"
}

# apt-get download, retrying once with fresh lists: a stale list names pool
# files the mirror has already dropped.
apt_download() {
	local kver=$1 dest=$2
	shift 2
	mkdir -p "$dest"
	if ! (cd "$dest" && apt-get "${APT_OPTS[@]}" -q download "$@" >&2); then
		apt_update "$kver"
		(cd "$dest" && apt-get "${APT_OPTS[@]}" -q download "$@" >&2) ||
			die "apt-get download $* failed"
	fi
}

# --- locking ------------------------------------------------------------------

with_lock() {
	local kver=$1
	shift
	mkdir -p "$CACHE/locks"
	(
		# A step that dies or that set -e ends still gets its line.
		trap 'step_end $?' EXIT
		flock 9
		"$@"
	) 9>"$CACHE/locks/$kver.lock"
}

# --- fetch --------------------------------------------------------------------

kdir() { echo "$CACHE/kernels/$1"; }

# Module names from modules.dep, dependencies first (post-order DFS).
load_order() {
	local moddir=$1
	shift
	awk -v want="$*" '
	function base(p) { sub(/.*\//, "", p); sub(/\.ko(\.(xz|zst|gz))?$/, "", p); return p }
	function visit(m,   i, n, d) {
		if (m in done) return
		if (!(m in path)) { print "missing module " m > "/dev/stderr"; bad = 1; return }
		done[m] = 1
		n = split(deps[m], d, " ")
		for (i = 1; i <= n; i++) visit(d[i])
		print m "\t" path[m]
	}
	{
		key = $1; sub(/:$/, "", key); m = base(key); path[m] = key
		for (i = 2; i <= NF; i++) deps[m] = deps[m] " " base($i)
	}
	END {
		n = split(want, w, " ")
		for (i = 1; i <= n; i++) visit(w[i])
		exit bad
	}' "$moddir/modules.dep"
}

do_fetch() {
	local kver=$1 r d f g stage pkgs debs deb moddir vmlinuz name rel ko
	step_begin "kernel-$kver"
	d=$(kdir "$kver")
	if [[ -f $d/.complete && ${TCPI_APT_REFRESH:-0} != 1 ]]; then
		step_end 0
		echo "$d"
		return 0
	fi
	r=$(resolve_release "$kver")
	if [[ -f $d/.complete && $(<"$d/release") == "$r" ]]; then
		step_end 0
		echo "$d"
		return 0
	fi
	STEP_CACHE=miss
	host_install dpkg kmod xz-utils zstd
	apt_setup "$kver"
	debs="$CACHE/debs/$kver"
	# The image package, plus whatever it pulls in that carries this ABI
	# (7.x splits the binary into linux-binary-<abi>).
	pkgs=$(apt_q depends --recurse --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances "linux-image-$r" 2>/dev/null |
		sed -n 's/^ *\(Pre\)\{0,1\}Depends: //p; /^[a-z]/p' | grep -F -- "$r" |
		grep -v -- '-dbg$' | sort -u)
	[[ -n $pkgs ]] || die "cannot resolve linux-image-$r"
	local missing=()
	for name in $pkgs; do
		compgen -G "$debs/${name}_*.deb" >/dev/null || missing+=("$name")
	done
	if ((${#missing[@]})); then
		log "downloading ${missing[*]}"
		apt_download "$kver" "$debs" "${missing[@]}"
	fi

	stage="$CACHE/kernels/.$kver.stage"
	rm -rf "$stage"
	mkdir -p "$stage/root" "$stage/modules"
	for name in $pkgs; do
		for deb in "$debs/${name}"_*.deb; do
			dpkg-deb -x "$deb" "$stage/root"
		done
	done
	vmlinuz=
	for f in "boot/vmlinuz-$r" "usr/lib/modules/$r/vmlinuz" "lib/modules/$r/vmlinuz"; do
		[[ -f $stage/root/$f ]] && { vmlinuz=$stage/root/$f; break; }
	done
	[[ -n $vmlinuz ]] || die "no vmlinuz in ${pkgs//$'\n'/ }"
	moddir=
	for f in "lib/modules/$r" "usr/lib/modules/$r"; do
		[[ -d $stage/root/$f/kernel ]] && { moddir=$stage/root/$f; break; }
	done
	[[ -n $moddir ]] || die "no modules for $r in ${pkgs//$'\n'/ }"
	# Packages leave modules.dep to depmod at install time.
	if [[ ! -f $moddir/modules.dep ]]; then
		if [[ ! -e $stage/root/lib/modules/$r ]]; then
			mkdir -p "$stage/root/lib/modules"
			ln -s "$moddir" "$stage/root/lib/modules/$r"
		fi
		depmod -b "$stage/root" "$r" || die "depmod for $r failed"
	fi

	cp "$vmlinuz" "$stage/vmlinuz"
	echo "$r" >"$stage/release"
	for f in config System.map; do
		for g in "$stage/root/boot/$f-$r" "$moddir/$f"; do
			[[ -f $g ]] && { cp "$g" "$stage/$f"; break; }
		done
	done
	: >"$stage/modules/load-order"
	while IFS=$'\t' read -r name rel; do
		ko=$moddir/$rel
		case $ko in
		*.ko) cp "$ko" "$stage/modules/$name.ko" ;;
		*.ko.xz) xz -dc "$ko" >"$stage/modules/$name.ko" ;;
		*.ko.zst) zstd -q -dc "$ko" >"$stage/modules/$name.ko" ;;
		*.ko.gz) gzip -dc "$ko" >"$stage/modules/$name.ko" ;;
		*) die "unknown module format: $ko" ;;
		esac
		echo "$name.ko" >>"$stage/modules/load-order"
	done < <(load_order "$moddir" "${WANT_MODULES[@]}")
	rm -rf "$stage/root"
	touch "$stage/.complete"
	rm -rf "$d"
	mv "$stage" "$d"
	step_end 0
	echo "$d"
}

# --- the debug kernel ---------------------------------------------------------

# Debian's linux-source-6.1, unpacked by tests/deps.sh.  It is shared
# (checkpatch, KUnit) and never written to: the build goes to O=.
debug_source() {
	local src=$CACHE/linux-source-6.1
	[[ -f $src/Makefile ]] && compgen -G "$src/.unpacked-*" >/dev/null ||
		die "no unpacked linux-source-6.1 in $src (run tests/deps.sh)"
	echo "$src"
}

# What the build depends on: the fragment, the source (package version and
# the unpacked tarball's stamp), the compiler, and the recipe.
debug_key() {
	local src
	src=$(debug_source)
	{
		echo "recipe $DEBUG_RECIPE"
		dpkg-query -W -f='source ${Package} ${Version}\n' linux-source-6.1 2>/dev/null || true
		(cd "$src" && ls -d .unpacked-*)
		sed -n 's/^\(VERSION\|PATCHLEVEL\|SUBLEVEL\|EXTRAVERSION\) = /\1 /p' "$src/Makefile"
		gcc --version | head -n1
		cat "$DEBUG_FRAGMENT"
	} | sha256sum | cut -c1-16
}

debug_dir() { echo "$CACHE/kernels/debug-$(debug_key)"; }

# Every CONFIG_X=y of the fragment must be in the resulting .config: a
# symbol whose dependencies are missing is dropped silently by Kconfig.
debug_config_check() {
	local frag=$1 config=$2 sym missing=()
	while read -r sym; do
		grep -qx "$sym=y" "$config" || missing+=("$sym")
	done < <(sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y$/\1/p' "$frag")
	while read -r sym; do
		! grep -q "^$sym=" "$config" || missing+=("$sym (wanted unset)")
	done < <(sed -n 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1/p' "$frag")
	((${#missing[@]} == 0)) && return 0
	log "debug.config: not in the resulting .config: ${missing[*]}"
	return 1
}

# Builds in place (an interrupted build resumes where it stopped) and marks
# the directory complete at the end; keeps the newest few builds.
do_fetch_debug() {
	local d src o jobs started rel old keep n=0
	step_begin kernel-debug
	d=$(debug_dir)
	if [[ -f $d/.complete ]]; then
		touch "$d/.complete"
		step_end 0
		echo "$d"
		return 0
	fi
	STEP_CACHE=miss
	STEP_LOG=$d/build.log
	src=$(debug_source)
	host_install make gcc bc flex bison libelf-dev libssl-dev cpio kmod
	o=$d/build
	mkdir -p "$o"
	jobs=${TCPI_JOBS:-$(nproc)}
	log "building the debug kernel in $d (-j$jobs; log: $d/build.log)"
	started=$(date +%s)
	if [[ ! -f $o/.config ]]; then
		make -s -C "$src" O="$o" ARCH=x86_64 KCONFIG_ALLCONFIG="$DEBUG_FRAGMENT" \
			allnoconfig >"$d/build.log" 2>&1 ||
			{ tail -n 30 "$d/build.log" >&2; rm -f "$o/.config"; die "debug kernel: allnoconfig failed"; }
	fi
	if ! debug_config_check "$DEBUG_FRAGMENT" "$o/.config"; then
		rm -f "$o/.config"
		die "fix tests/kernels/debug.config"
	fi
	if ! make -C "$src" O="$o" ARCH=x86_64 -j"$jobs" >>"$d/build.log" 2>&1; then
		tail -n 40 "$d/build.log" >&2
		die "debug kernel build failed (log: $d/build.log)"
	fi
	rel=$(make -s -C "$src" O="$o" ARCH=x86_64 kernelrelease)
	cp "$o/arch/x86/boot/bzImage" "$d/vmlinuz"
	cp "$o/.config" "$d/config"
	cp "$o/System.map" "$d/System.map"
	echo "$rel" >"$d/release"
	# tun and veth are built in: nothing for the VM to insmod.
	mkdir -p "$d/modules"
	: >"$d/modules/load-order"
	echo "$(($(date +%s) - started))" >"$d/build-seconds"
	touch "$d/.complete"
	log "debug kernel $rel built in $(cat "$d/build-seconds")s"
	# Older builds (another fragment or source) go, but the newest few stay:
	# switching branches back and forth must not rebuild every time.
	keep=${TCPI_DEBUG_KERNEL_KEEP:-2}
	while read -r old; do
		n=$((n + 1))
		((n > keep)) || continue
		[[ $old == "$d" ]] || rm -rf "$old"
	done < <(ls -dt "$CACHE"/kernels/debug-*/ 2>/dev/null | sed 's|/$||')
	step_end 0
	echo "$d"
}

# --- chroots ------------------------------------------------------------------

chroot_dir() { echo "$CACHE/chroots/$(suite_of "$1")"; }

# Mounts debootstrap (or an interrupted run) left under a chroot: deepest
# first.
umount_under() {
	local root=$1 m
	root=$(readlink -m "$root")
	while read -r m; do
		umount -l "$m" 2>/dev/null || true
	done < <(awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts | sort -r)
}

# Run a command in the chroot with a scrubbed environment.  /proc and /sys
# are mounted in a private mount namespace, so they vanish with the command
# and nothing is ever left mounted on the host, even if we are killed.
in_chroot() {
	local root=$1
	shift
	# shellcheck disable=SC2016 # expanded by the inner shell
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C \
		DEBIAN_FRONTEND=noninteractive TERM=dumb INITRD=No \
		unshare --mount --propagation private -- /bin/sh -c '
			root=$1; shift
			mount -t proc proc "$root/proc" &&
			mount -t sysfs sysfs "$root/sys" &&
			exec chroot "$root" "$@"' sh "$root" "$@"
}

do_chroot() {
	local kver=$1 r suite root tmp pkgs
	step_begin "chroot-$(suite_of "$kver")"
	root=$(chroot_dir "$kver")
	r=$(resolve_release "$kver")
	if [[ -f $root/.complete-$r.$CHROOT_RECIPE ]]; then
		step_end 0
		echo "$root"
		return 0
	fi
	STEP_CACHE=miss
	suite=$(suite_of "$kver")
	host_install debootstrap util-linux "$(basename "$KEYRING" .gpg)"
	find_mirrors
	if [[ ! -f $root/.bootstrapped ]]; then
		tmp="$root.tmp"
		umount_under "$tmp"
		# --one-file-system: should a mount have survived, never descend
		# into the host's /dev or /proc.
		rm -rf --one-file-system "$tmp"
		mkdir -p "$tmp"
		log "debootstrap $suite (this takes a minute)"
		STEP_LOG=$root.debootstrap.log
		# Headers come later from apt inside the chroot: debootstrap only
		# sees the base suite, and the pinned ABI may live in -security.
		pkgs=make,kmod,dkms,gcc,libc6-dev,ca-certificates,xz-utils,zstd
		if ! debootstrap --variant=minbase --keyring="$KEYRING" \
			--include="$pkgs" "$suite" "$tmp" "$MAIN_MIRROR" >"$root.debootstrap.log" 2>&1; then
			umount_under "$tmp"
			tail -n 30 "$root.debootstrap.log" >&2
			[[ -f $tmp/debootstrap/debootstrap.log ]] && tail -n 30 "$tmp/debootstrap/debootstrap.log" >&2
			die "debootstrap $suite failed (log: $root.debootstrap.log)"
		fi
		umount_under "$tmp"
		STEP_LOG=
		touch "$tmp/.bootstrapped"
		umount_under "$root"
		rm -rf --one-file-system "$root"
		mv "$tmp" "$root"
	fi
	umount_under "$root"
	# The chroot's apt uses the same sources and keyring as the host side.
	mkdir -p "$root/usr/share/keyrings"
	cp "$KEYRING" "$root$KEYRING"
	sources_for "$suite" >"$root/etc/apt/sources.list"
	rm -f "$root"/etc/apt/sources.list.d/*
	echo "Acquire::Check-Valid-Until \"$APT_CHECK_VALID_UNTIL\";" >"$root/etc/apt/apt.conf.d/90tcpinsight"
	cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
	# Keep services from starting inside the chroot.
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod 755 "$root/usr/sbin/policy-rc.d"
	# The image too, so that dkms install/depmod find a complete
	# /lib/modules/<abi> on every release (trixie's headers pull it in
	# anyway); INITRD=No skips building an initramfs nobody boots.
	log "installing linux-headers-$r in the $suite chroot"
	if ! { in_chroot "$root" apt-get -q update &&
		in_chroot "$root" apt-get -y -q --no-install-recommends install "linux-headers-$r" "linux-image-$r" dkms; } >&2; then
		umount_under "$root"
		die "installing linux-headers-$r in $root failed"
	fi
	in_chroot "$root" apt-get -q clean >&2 || true
	umount_under "$root"
	[[ -f $root/usr/src/linux-headers-$r/Makefile ]] || die "headers missing in $root"
	rm -f "$root"/.complete-*
	touch "$root/.complete-$r.$CHROOT_RECIPE"
	step_end 0
	echo "$root"
}

# --- headers and build --------------------------------------------------------

native_headers() {
	local kver=$1 r
	step_begin "headers-$kver"
	r=$(resolve_release "$kver")
	if [[ ! -f /usr/src/linux-headers-$r/Makefile ]]; then
		STEP_CACHE=miss
		host_install "linux-headers-$r"
	fi
	host_install make gcc
	step_end 0
	echo "/usr/src/linux-headers-$r"
}

do_headers() {
	local kver=$1 root r d
	if [[ $kver == "$DEBUG_KVER" ]]; then
		d=$(do_fetch_debug)
		echo "$d/build"
		return
	fi
	if [[ $kver == "$NATIVE_KVER" ]]; then
		native_headers "$kver"
		return
	fi
	root=$(do_chroot "$kver")
	r=$(resolve_release "$kver")
	echo "$root/usr/src/linux-headers-$r"
}

do_build() {
	local kver=$1 src=$2 out=$3
	shift 3
	local hdr root="" bdir work rc=0 jobs n=0 ko
	[[ -d $src ]] || die "build: no such directory: $src"
	[[ -f $src/Kbuild || -f $src/Makefile ]] || die "build: $src has no Kbuild or Makefile"
	src=$(readlink -f "$src")
	mkdir -p "$out"
	out=$(readlink -f "$out")
	jobs=${TCPI_JOBS:-$(nproc)}
	hdr=$(with_lock "$kver" do_headers "$kver")

	# Build in a private copy: the source tree stays clean and concurrent
	# builds of one tree for several kernels cannot collide.  The debug
	# kernel is 6.1 built by the host's gcc: it builds natively too.
	if [[ $kver == "$NATIVE_KVER" || $kver == "$DEBUG_KVER" ]]; then
		work=$(mktemp -d /tmp/tcpi-kbuild-XXXXXX)
		bdir=$work
	else
		root=$(chroot_dir "$kver")
		work=$(mktemp -d "$root/tmp/tcpi-kbuild-XXXXXX")
		bdir=${work#"$root"}
	fi
	# shellcheck disable=SC2064 # expand now: locals are gone at EXIT time
	trap "rm -rf '$work'" EXIT
	cp -a "$src/." "$work/"

	# Diagnostics name the caller's source files, not the private copy.
	if {
		if [[ -z $root ]]; then
			make -C "$hdr" M="$bdir" -j"$jobs" "$@" modules 2>&1
		else
			in_chroot "$root" make -C "${hdr#"$root"}" M="$bdir" -j"$jobs" "$@" modules 2>&1
		fi
	} | sed "s|$bdir|$src|g" >&2; then
		rc=0
	else
		rc=$?
	fi
	if ((rc != 0)); then
		die "build of $src against $kver ($hdr) failed (make exit $rc)"
	fi
	while IFS= read -r -d '' ko; do
		cp "$ko" "$out/"
		n=$((n + 1))
	done < <(find "$work" -name '*.ko' -print0)
	((n > 0)) || die "build of $src against $kver produced no .ko"
	rm -rf "$work"
	trap - EXIT
}

# --- main ---------------------------------------------------------------------

main() {
	[[ $# -ge 1 ]] || usage
	local cmd=$1 root
	shift
	case $cmd in
	list)
		printf '%s\n' "${KVERS[@]}"
		;;
	fetch)
		[[ $# -eq 1 ]] || usage
		if [[ $1 == "$DEBUG_KVER" ]]; then
			with_lock "$1" do_fetch_debug
			return
		fi
		suite_of "$1" >/dev/null
		with_lock "$1" do_fetch "$1"
		;;
	chroot)
		[[ $# -eq 1 ]] || usage
		suite_of "$1" >/dev/null
		with_lock "$1" do_chroot "$1"
		;;
	headers)
		[[ $# -eq 1 ]] || usage
		[[ $1 == "$DEBUG_KVER" ]] || suite_of "$1" >/dev/null
		with_lock "$1" do_headers "$1"
		;;
	build)
		[[ $# -ge 3 ]] || usage
		[[ $1 == "$DEBUG_KVER" ]] || suite_of "$1" >/dev/null
		do_build "$@"
		;;
	exec)
		[[ $# -ge 2 ]] || usage
		suite_of "$1" >/dev/null
		root=$(with_lock "$1" do_chroot "$1")
		shift
		in_chroot "$root" "$@"
		;;
	-h | --help | help)
		usage
		;;
	*)
		usage
		;;
	esac
}

# Never return to the top level: bash reads scripts lazily, and this file
# may be edited under a running instance.
main "$@"; exit
