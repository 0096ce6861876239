#!/bin/bash
# The cluster sweep for real, on this machine: starts a one-node Slurm (Debian slurm-wlm, munge;
# installed with apt if missing), submits a tiny array sweep with submit.sh (2 held-out digits x
# 2 repetitions x 2 methods on the committed MNIST subset, tiny GAN preset), waits for it and for
# its merge job, merges once more by hand (which must add nothing), checks that the run store holds
# every planned run exactly once, prints `xdd runs list`, and stops the daemons again.
#
# Everything (configuration, munge key, daemon state and logs, the sweep, the GAN cache, the run
# store) lives in XDD_DEMO_DIR (default /tmp/xdd-slurm-demo), removed at the end unless
# XDD_DEMO_KEEP=1. Daemons left by an earlier, killed run are stopped first, so it can always be run
# again. Ports: XDD_DEMO_PORT and the one after it (default 16817). No systemd needed: the daemons
# are started directly. Run as root, or as a user who may sudo (apt-get and the daemons).
set -euo pipefail
unset "${!SLURM_@}" # this demo talks to its own Slurm, even when started inside a Slurm job
trap 'exit 130' INT TERM # so that the EXIT trap below cleans up after Ctrl-C or kill
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
demo=${XDD_DEMO_DIR:-/tmp/xdd-slurm-demo}
port=${XDD_DEMO_PORT:-16817}
export XDD=${XDD:-$repo/build/app/xdd}
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
start_time=$SECONDS

say() { printf '== %s\n' "$*"; }
fail() {
  printf 'local_demo: FAILED: %s\n' "$*" >&2
  exit 1
}

[[ -x $XDD ]] || fail "no xdd program at $XDD: build first (cmake --preset release && cmake --build build)"

install_slurm() {
  local missing=()
  for program in munged slurmctld slurmd sbatch; do
    command -v "$program" >/dev/null || missing+=("$program")
  done
  [[ ${#missing[@]} -eq 0 ]] && return
  say "installing slurm-wlm and munge (missing: ${missing[*]})"
  # No init system here: keep the packages' scripts from starting daemons (policy-rc.d says no).
  local policy=/usr/sbin/policy-rc.d placed=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod +x "$policy"
    placed=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    slurm-wlm munge || {
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      slurm-wlm munge
  }
  [[ $placed == 1 ]] && "${sudo[@]}" rm -f "$policy"
  return 0
}

# Stops a daemon by the pid in its pid file, only if that pid still runs that program.
stop_daemon() {
  local pidfile=$1 name=$2 pid
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  if [[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == "$name" ]]; then
    "${sudo[@]}" kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
      [[ -d /proc/$pid ]] || break
      sleep 0.2
    done
  fi
  "${sudo[@]}" rm -f "$pidfile"
}

# This demo's processes that are still alive: the daemons and job steps (started with
# XDD_DEMO_DAEMON=<demo folder>) and the jobs' own processes (SLURM_JOB_ID and this demo's
# SLURM_CONF), such as the runs of an earlier demo that was killed.
demo_pids() {
  { # grep says 1 when nothing matches, 2 when a process ended while it read
    "${sudo[@]}" grep -lszx "XDD_DEMO_DAEMON=$demo" /proc/[0-9]*/environ || true
    "${sudo[@]}" grep -lszx "SLURM_CONF=$demo/slurm.conf" /proc/[0-9]*/environ |
      xargs -r "${sudo[@]}" grep -lsz '^SLURM_JOB_ID=' || true
  } | sed -nE 's|^/proc/([0-9]+)/environ$|\1|p' | sort -un
}

stop_all() {
  if [[ -f $demo/slurm.conf && -f $demo/slurmctld.pid && -d /proc/$(cat "$demo/slurmctld.pid") ]]; then
    export SLURM_CONF=$demo/slurm.conf
    # Cancel what is left so that no run goes on writing into a folder about to be removed.
    squeue -h -o %i 2>/dev/null | xargs -r scancel 2>/dev/null || true
    for _ in $(seq 30); do
      [[ -z $(squeue -h 2>/dev/null) ]] && break
      sleep 1
    done
    timeout 20 scontrol shutdown >/dev/null 2>&1 || true
  fi
  stop_daemon "$demo/slurmd.pid" slurmd
  stop_daemon "$demo/slurmctld.pid" slurmctld
  stop_daemon "$demo/munge/munged.pid" munged
  local left
  left=$(demo_pids)
  if [[ -n $left ]]; then
    echo "stopping what an earlier demo left running: pids $(paste -sd' ' <<<"$left")"
    # shellcheck disable=SC2086 # one pid per word
    "${sudo[@]}" kill $left 2>/dev/null || true
    sleep 2
    left=$(demo_pids)
    # shellcheck disable=SC2086
    [[ -z $left ]] || "${sudo[@]}" kill -9 $left 2>/dev/null || true
  fi
}

cleanup() {
  local status=$?
  stop_all
  if [[ $status -ne 0 && -d $demo ]]; then
    for log in slurmctld.log slurmd.log munge/munged.log; do
      [[ -f $demo/$log ]] && { echo "--- last lines of $log"; tail -n 15 "$demo/$log"; }
    done
  fi
  if [[ ${XDD_DEMO_KEEP:-0} == 1 ]]; then
    echo "kept $demo"
  else
    "${sudo[@]}" rm -rf "$demo"
  fi
  say "daemons stopped; total wall time $((SECONDS - start_time)) s"
  exit "$status"
}

write_config() {
  local host cpus
  host=$(hostname -s)
  cpus=$(nproc)
  mkdir -p "$demo/state" "$demo/spool" "$demo/munge"
  cat >"$demo/slurm.conf" <<CONF
# One node on localhost, written by scripts/slurm/local_demo.sh.
ClusterName=xdddemo
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$demo/munge/munge.socket
StateSaveLocation=$demo/state
SlurmdSpoolDir=$demo/spool
SlurmctldPidFile=$demo/slurmctld.pid
SlurmdPidFile=$demo/slurmd.pid
SlurmctldLogFile=$demo/slurmctld.log
SlurmdLogFile=$demo/slurmd.log
# No cgroup tree of our own in a container: track processes by their parent pid, bind no cores.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
# Cores are what tasks consume, so 1-core tasks run side by side.
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=demo Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  # Read only by the cgroup plugins, which this configuration does not load.
  printf 'CgroupPlugin=autodetect\n' >"$demo/cgroup.conf"
}

start_daemons() {
  dd if=/dev/urandom of="$demo/munge/munge.key" bs=1024 count=1 status=none
  chmod 700 "$demo/munge"
  chmod 400 "$demo/munge/munge.key"
  "${sudo[@]}" chown -R root:root "$demo/munge"
  "${sudo[@]}" env XDD_DEMO_DAEMON="$demo" munged --force --key-file="$demo/munge/munge.key" \
    --socket="$demo/munge/munge.socket" --pid-file="$demo/munge/munged.pid" \
    --log-file="$demo/munge/munged.log" --seed-file="$demo/munge/munged.seed"
  "${sudo[@]}" chmod 755 "$demo/munge" # clients reach the socket
  "${sudo[@]}" env XDD_DEMO_DAEMON="$demo" SLURM_CONF="$demo/slurm.conf" slurmctld -c
  "${sudo[@]}" env XDD_DEMO_DAEMON="$demo" SLURM_CONF="$demo/slurm.conf" slurmd -N "$(hostname -s)"
  for _ in $(seq 60); do
    state=$(sinfo -h -o %T 2>/dev/null || true)
    [[ $state == idle ]] && return 0
    sleep 1
  done
  fail "the node did not become idle (sinfo says '${state:-nothing}')"
}

# Waits until none of the given jobs is pending or running.
wait_for_jobs() {
  while [[ -n $(squeue -h -j "$1" 2>/dev/null) ]]; do sleep 2; done
}

install_slurm
[[ -d $demo ]] && say "stopping and removing what an earlier demo left in $demo"
stop_all # daemons and runs of an earlier demo that was killed
"${sudo[@]}" rm -rf "$demo"
mkdir -p "$demo"
trap cleanup EXIT
write_config
export SLURM_CONF=$demo/slurm.conf
say "starting munged, slurmctld and slurmd ($(sinfo --version 2>/dev/null || echo slurm))"
start_daemons
sinfo

export XDD_OUT=$demo/sweep XDD_STORE=$demo/runs.db XDD_CACHE=$demo/gan-cache
export XDD_DATA=$repo/assets/testdata/mnist-small XDD_PRESET=tiny
export XDD_HOLDOUTS=3,5 XDD_REPS=2 XDD_METHODS="xdd softmax" XDD_BETAS=1
export XDD_EXTRA="--epochs 1 --steps 20 --device cpu" XDD_CPUS=1
export XDD_REPO=$repo
# shellcheck source=scripts/slurm/sweep_env.sh
source "$repo/scripts/slurm/sweep_env.sh"
planned=$("$XDD" "${xdd_sweep_args[@]}" --list-tasks)
say "the sweep's array tasks (xdd sweep ... --list-tasks)"
echo "$planned"

say "submitting (scripts/slurm/submit.sh)"
submitted=$("$repo/scripts/slurm/submit.sh")
echo "$submitted"
jobs=$(grep -oE '(array|merge) job [0-9]+' <<<"$submitted" | awk '{print $3}' | paste -sd,)
squeue
wait_for_jobs "$jobs"
say "all jobs over after $((SECONDS - start_time)) s"
for id in ${jobs//,/ }; do
  scontrol show job "$id" | grep -oE '^ *JobId=[0-9]+|ArrayTaskId=[0-9-]+|JobState=[A-Z]+|ExitCode=[0-9:]+' |
    paste -sd' '
done
merge_log=$(ls "$XDD_OUT"/slurm/merge-*.out)
say "the merge job's log ($merge_log)"
cat "$merge_log"
say "array task 2's log ($XDD_OUT/slurm/task-2.out)"
cat "$XDD_OUT/slurm/task-2.out"
for log in "$XDD_OUT"/slurm/task-*.out; do
  grep -q 'sweep done: .* 0 failed' "$log" || fail "$log does not end well: $(tail -n 3 "$log")"
done

say "merging again by hand (scripts/slurm/merge.sh): must add nothing"
again=$("$repo/scripts/slurm/merge.sh")
echo "$again"
expected=$(wc -w <<<"$(sed -E 's/^task [0-9]+ holdout [0-9]+ seed [0-9]+//' <<<"$planned")")
grep -q "merge: $expected jobs: $expected were already in $XDD_STORE, 0 imported, 0 missing" \
  <<<"$again" || fail "the second merge changed the store"

say "checking the run store: every planned run exactly once"
"$XDD" runs list --json --store "$XDD_STORE" >"$demo/runs.json"
python3 - "$demo/runs.json" "$XDD_OUT" <<PY || fail "the run store does not hold each planned run once"
import json, sys, os
runs = json.load(open(sys.argv[1]))
# "task <i> holdout <h> seed <s> <folder> <folder> ...": the folders from the sixth word on.
lines = """$planned""".splitlines()
planned = sorted(os.path.join(sys.argv[2], w) for line in lines for w in line.split()[6:])
stored = sorted(r["files_dir"] for r in runs)
all_done = all(r["status"] == "done" for r in runs)
print(f"{len(planned)} planned runs, {len(stored)} stored, {len(set(stored))} distinct,",
      "all done" if all_done else "NOT all done")
# The GAN cache is shared: one run per held-out digit pre-trained, the others read the cache.
trained = [d for d in planned if not json.load(open(os.path.join(d, "metrics.json")))["gan"]["from_cache"]]
digits = {os.path.basename(d).split("-")[0] for d in planned}
print("GAN pre-trained by", ", ".join(os.path.basename(d) for d in trained) + ";",
      len(planned) - len(trained), "runs read it from the cache")
once_per_digit = sorted(os.path.basename(d).split("-")[0] for d in trained) == sorted(digits)
sys.exit(0 if stored == planned and all_done and once_per_digit else 1)
PY
"$XDD" runs list --store "$XDD_STORE"
say "GAN cache: $(cd "$XDD_CACHE" && printf '%s ' *)"
say "local_demo: OK after $((SECONDS - start_time)) s"
