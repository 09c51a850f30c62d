#!/usr/bin/env bash
# Builds the container image exactly from docker/Dockerfile and starts it from its own filesystem,
# on a machine without a Docker engine or an image registry (run as root, from any directory):
#   docker/verify-image.sh
# - The bases the Dockerfile takes as build arguments are made from Debian packages (debootstrap:
#   a JDK for the build stage, a JRE to run) and cached: in podman's image store, and as tarballs
#   under target/image-check/ for a store that was reset.
# - podman builds with chroot isolation; its containers cannot start where the runtime's setrlimit
#   is refused, so the image's entrypoint runs by chroot in the image's exported filesystem, as the
#   image's user, in its working directory, with its environment (plus the demo profile and a free
#   port) and nothing else. Its /etc/hosts is empty, as in some container setups: the service must
#   start without resolving its own name.
# - It checks the user (numeric, not root), the layer order (dependencies before the application's
#   classes), that no layer holds a credential, that /actuator/health answers UP and that the demo
#   opens reports.
# Prints "skipped" and succeeds where podman or debootstrap is missing; fails on any failed check.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly SUITE=bookworm
readonly MIRROR=http://deb.debian.org/debian
readonly IMAGE=localhost/kubelet-doctor:verify
readonly WORK=target/image-check
# The output of the service started from the image.
readonly LOG="$WORK/service.log"

for tool in podman debootstrap curl jq chroot; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "verify-image: skipped, $tool is not installed (Debian: apt-get install podman debootstrap curl jq)"
		exit 0
	fi
done
if [ "$(id -u)" -ne 0 ]; then
	echo "verify-image: skipped, debootstrap and chroot need root"
	exit 0
fi

started=$SECONDS
step_started=$SECONDS
step() {
	echo "verify-image: $1 ($((SECONDS - step_started)) s)"
	step_started=$SECONDS
}
fail() {
	echo "verify-image: FAILED: $*" >&2
	exit 1
}

mkdir -p "$WORK/bases" "$WORK/debs"

# The compose files, read the way Compose reads them, against the Compose Specification schema
# that dclint ships (with the YAML parser and the validator it depends on).
if command -v npm >/dev/null 2>&1; then
	npm install --prefix "$WORK/compose-check" --no-save --no-audit --no-fund --loglevel=error dclint@3.1.0 >/dev/null
	NODE_PATH="$WORK/compose-check/node_modules" node docker/check-compose.cjs \
		"$WORK/compose-check/node_modules/dclint/schemas/compose.schema.json" \
		docker/compose.yaml docker/compose.cluster.yaml || fail "the compose files"
	step "compose files checked"
else
	echo "verify-image: compose files not checked, npm is not installed"
fi

# The bases, from Debian packages: taken from podman's store, else from the cached tarballs, else
# made by one debootstrap of the JDK (minutes; the downloaded packages are kept for the next one),
# which gives the JRE base once the JDK package is purged.
readonly BUILD_BASE=localhost/kubelet-doctor-base:$SUITE-jdk
readonly RUNTIME_BASE=localhost/kubelet-doctor-base:$SUITE-jre
if ! podman image exists "$BUILD_BASE" || ! podman image exists "$RUNTIME_BASE"; then
	jdk_tarball="$WORK/bases/$SUITE-openjdk-17-jdk-headless.tar"
	jre_tarball="$WORK/bases/$SUITE-openjdk-17-jre-headless.tar"
	if [ ! -s "$jdk_tarball" ] || [ ! -s "$jre_tarball" ]; then
		root="$WORK/bases/root"
		rm -rf "$root"
		debootstrap --variant=minbase --cache-dir="$(realpath "$WORK/debs")" \
			--include=openjdk-17-jdk-headless,ca-certificates "$SUITE" "$root" "$MIRROR" \
			>"$WORK/bases/debootstrap.log" 2>&1 || fail "debootstrap, see $WORK/bases/debootstrap.log"
		rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
		tar --numeric-owner -C "$root" -cf "$jdk_tarball" .
		chroot "$root" dpkg --purge openjdk-17-jdk-headless >/dev/null
		tar --numeric-owner -C "$root" -cf "$jre_tarball" .
		rm -rf "$root"
		step "debootstrap"
	fi
	# Images from a tarball have no environment; give them the PATH of a Debian image.
	for base in "$BUILD_BASE $jdk_tarball" "$RUNTIME_BASE $jre_tarball"; do
		podman import --quiet --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
			"${base#* }" "${base%% *}" >/dev/null
	done
fi
build_base=$BUILD_BASE
runtime_base=$RUNTIME_BASE
# Where this machine reaches Maven Central through a TLS proxy, the build stage must trust the
# certificate authorities added here, as the Maven of the machine does: a layer on the build base
# (not the runtime one) adds them. Made on each run, since they may change between runs.
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
	rm -rf "$WORK/local-ca" && mkdir -p "$WORK/local-ca"
	cp /usr/local/share/ca-certificates/*.crt "$WORK/local-ca/"
	printf '%s\n' "FROM $build_base" 'COPY *.crt /usr/local/share/ca-certificates/' \
		'RUN update-ca-certificates >/dev/null 2>&1' >"$WORK/local-ca/Containerfile"
	podman build --isolation chroot --quiet --tag "$build_base-local-ca" "$WORK/local-ca" >/dev/null \
		|| fail "adding this machine's certificate authorities to $build_base"
	build_base="$build_base-local-ca"
fi
step "bases $build_base and $runtime_base ready"

# Docker reads docker/Dockerfile.dockerignore beside the Dockerfile by itself; podman 4.3 is told.
podman build --isolation chroot --file docker/Dockerfile --ignorefile docker/Dockerfile.dockerignore \
	--build-arg BUILD_BASE="$build_base" --build-arg RUNTIME_BASE="$runtime_base" \
	--tag "$IMAGE" . >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; fail "podman build, see $WORK/build.log"; }
step "image built"

config=$(podman image inspect --format '{{json .Config}}' "$IMAGE")
user=$(jq -r '.User // ""' <<<"$config")
[[ "$user" =~ ^[0-9]+:[0-9]+$ ]] || fail "the image's user '$user' is not a numeric uid:gid"
[ "${user%%:*}" -ne 0 ] || fail "the image runs as root"
workdir=$(jq -r '.WorkingDir // "/"' <<<"$config")
mapfile -t command < <(jq -r '(.Entrypoint // []) + (.Cmd // []) | .[]' <<<"$config")
mapfile -t environment < <(jq -r '(.Env // [])[]' <<<"$config")
[ "${#command[@]}" -gt 0 ] || fail "the image has no entrypoint"
for variable in "${environment[@]}"; do
	if [[ "${variable%%=*}" =~ (PASSWORD|TOKEN|SECRET|CREDENTIAL|API_KEY) ]]; then
		fail "the image's environment sets ${variable%%=*}"
	fi
done

# The layers as the image holds them, oldest first, each with the list of its files.
rm -rf "$WORK/layers"
podman save --quiet --uncompressed --format oci-dir --output "$WORK/layers" "$IMAGE"
manifest=$(jq -r '.manifests[0].digest' "$WORK/layers/index.json")
mapfile -t layers < <(jq -r '.layers[].digest | sub("sha256:"; "")' "$WORK/layers/blobs/sha256/${manifest#sha256:}")
for i in "${!layers[@]}"; do
	layers[$i]="$WORK/layers/blobs/sha256/${layers[$i]}"
	tar -tf "${layers[$i]}" >"$WORK/layers/$i.files"
done
base_layers=$(podman image inspect --format '{{len .RootFS.Layers}}' "$runtime_base")
layer_with() {
	local i
	for i in "${!layers[@]}"; do
		if grep -E "$1" "$WORK/layers/$i.files" >/dev/null; then
			echo "$i"
			return
		fi
	done
	echo -1
}
dependencies=$(layer_with '^application/BOOT-INF/lib/spring-core-.*\.jar$')
classes=$(layer_with '^application/BOOT-INF/classes/io/kubeletdoctor/')
[ "$dependencies" -ge 0 ] && [ "$classes" -ge 0 ] || fail "the image holds no extracted application"
[ "$dependencies" -lt "$classes" ] \
	|| fail "the dependencies (layer $dependencies) are not below the application's classes (layer $classes)"
if grep -E '^application/BOOT-INF/lib/.*\.jar$' "$WORK/layers/$classes.files" >/dev/null; then
	fail "the application's layer also holds dependency jars"
fi

# No credential in any layer: no credential file by name in any of them (the service's generated
# webhook-token and ui-token included), and in the layers the Dockerfile adds no private key.
credential_files='(^|/)(\.m2/settings(-security)?\.xml|\.docker/config\.json|\.git-credentials|\.netrc|\.pgpass|id_(rsa|ecdsa|ed25519)|\.kube/config|kubeconfig|webhook-token|ui-token)$|^run/secrets/.'
for i in "${!layers[@]}"; do
	if found=$(grep -E "$credential_files" "$WORK/layers/$i.files"); then
		fail "layer $i holds credential files: $found"
	fi
	if [ "$i" -ge "$base_layers" ]; then
		rm -rf "$WORK/layer" && mkdir "$WORK/layer"
		tar --numeric-owner -xf "${layers[$i]}" -C "$WORK/layer"
		if found=$(grep -rlIE -e '-----BEGIN ([A-Z]+ )?PRIVATE KEY-----' "$WORK/layer"); then
			fail "layer $i holds a private key: $found"
		fi
	fi
done
rm -rf "$WORK/layer"
step "checked ${#layers[@]} layers: base $base_layers, dependencies $dependencies, classes $classes; user $user"

# The image's filesystem, as a container would see it.
root="$WORK/root"
container=""
service=""
cleanup() {
	if [ -n "$service" ] && kill -0 "$service" 2>/dev/null; then
		kill "$service"
		wait "$service" 2>/dev/null || true
	fi
	for mount in "$root/proc" "$root/dev"; do
		if mountpoint -q "$mount" 2>/dev/null; then umount -l "$mount"; fi
	done
	if [ -n "$container" ]; then podman rm "$container" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
rm -rf "$root" && mkdir -p "$root"
container=$(podman create "$IMAGE")
podman export "$container" | tar --numeric-owner -xf - -C "$root"
podman rm "$container" >/dev/null
container=""
# No names to resolve: the empty /etc/hosts podman leaves has not even localhost.
[ ! -s "$root/etc/hosts" ] || fail "the exported filesystem has names in /etc/hosts"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
step "filesystem exported"

# A free port, in case 8080 is taken on this machine; the rest of the environment is the image's.
port=$(comm -23 <(seq 18080 18180) <(ss -Htln | awk '{print $4}' | sed 's/.*://' | sort -u) | head -1)
environment+=("SERVER_PORT=$port" "SPRING_PROFILES_ACTIVE=demo")
grep -q '^PATH=' <<<"$(printf '%s\n' "${environment[@]}")" \
	|| environment+=("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
chroot --userspec="$user" "$root" /usr/bin/env -i -C "$workdir" "${environment[@]}" "${command[@]}" \
	>"$LOG" 2>&1 &
service=$!

base_url="http://127.0.0.1:$port"
health=""
until health=$(curl -fsS "$base_url/actuator/health" 2>/dev/null) && [ "$(jq -r .status <<<"$health")" = UP ]; do
	if ! kill -0 "$service" 2>/dev/null; then
		tail -60 "$LOG"
		fail "the service ended before it was healthy, see $LOG"
	fi
	[ $((SECONDS - step_started)) -lt 180 ] || { tail -60 "$LOG"; fail "not healthy within 180 s"; }
	sleep 1
done
step "healthy as $user on port $port: $health"

instance=$(grep -oE "Scheduler [^ ]+ started" "$LOG" | head -1 || true)
until [ "$(curl -fsS "$base_url/api/v1/reports" | jq '.items | length')" -gt 0 ]; do
	[ $((SECONDS - step_started)) -lt 60 ] || { tail -60 "$LOG"; fail "the demo opened no report within 60 s"; }
	sleep 1
done
reports=$(curl -fsS "$base_url/api/v1/reports" | jq '.items | length')
step "the demo opened $reports reports (${instance:-scheduler start not logged})"

cleanup
service=""
rm -rf "$root" "$WORK/layers"
# Build stages of earlier runs, no longer any image's cache: hundreds of MB each.
podman image prune --force >/dev/null
echo "verify-image: passed in $((SECONDS - started)) s"
