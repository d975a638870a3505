#!/usr/bin/env bash
# The program's year: 1,000 reports through the real use cases on a fake clock (docs/performance.md).
# Usage: bench/program/run.sh [--seed N] [--practice today|groups] [--plot docs/performance-program-year-NAME.png]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release bench/program/Vigil.Bench.ProgramYear >/dev/null
exec dotnet bench/program/Vigil.Bench.ProgramYear/bin/Release/net10.0/Vigil.Bench.ProgramYear.dll "$@"
