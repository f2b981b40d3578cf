#!/bin/bash
# Submits a sharded sweep: the job array (N tasks) and the merge, which waits for the array.
#   deploy/slurm/submit.sh 'view=commute&nmin=8&nmax=1024&M=1000' 16
# Re-running the same command resumes: tasks whose part is complete exit at once.
set -euo pipefail

SPEC="${1:?usage: submit.sh '<spec>' N}"
SHARDS="${2:?usage: submit.sh '<spec>' N}"
HERE="$(cd "$(dirname "$0")" && pwd)"

ARRAY=$(sbatch --parsable --array="0-$((SHARDS - 1))" "$HERE/limits-lab-array.sbatch" "$SPEC" "$SHARDS")
sbatch --parsable --dependency="afterok:${ARRAY%%;*}" "$HERE/limits-lab-merge.sbatch"
