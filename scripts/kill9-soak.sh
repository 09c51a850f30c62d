#!/usr/bin/env bash
# kill -9 soak: rounds of two replicas on one PostgreSQL database, a burst of webhooks delivered to
# both (as an Alertmanager HA pair does), the draining replica killed with SIGKILL mid-burst and
# started again. Prints, per round and in total: deliveries sent, acknowledged (202), reports
# completed, lost (acknowledged but never completed: must be 0), duplicates (must be 0) and the
# recovery time (from the kill until the other replica completed what the dead one held).
#
#   scripts/kill9-soak.sh [rounds, default 20] [notifications per round, default 60]
#
# PostgreSQL as for the tests: 127.0.0.1:5432, database 'test', user 'postgres', or
# KUBELET_DOCTOR_TEST_POSTGRES_URL / _USER / _PASSWORD. Each run uses a fresh database and drops it.
# The same check runs in the test suite with 2 rounds (ReplicasOnPostgresTests).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-20}"
notifications="${2:-60}"
rm -f target/kill9-soak.txt

status=0
# CI=true: without a reachable PostgreSQL the run fails instead of skipping.
CI="${CI:-true}" ./mvnw -B -q test -Dsurefire.failIfNoSpecifiedTests=false \
	-Dtest='ReplicasOnPostgresTests#replicaKilledMidBurst*' \
	-Dkubelet-doctor.soak.rounds="$rounds" -Dkubelet-doctor.soak.notifications="$notifications" || status=$?

echo
if [[ -f target/kill9-soak.txt ]]; then
	cat target/kill9-soak.txt
else
	echo "No figures: the soak did not run to the end (see the output above and target/replicas/*.log)." >&2
fi
exit "$status"
