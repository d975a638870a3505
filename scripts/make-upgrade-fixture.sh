#!/usr/bin/env bash
# Makes an upgrade fixture at the current schema: a small database holding every kind of record, as a SQLite file and a
# PostgreSQL plain SQL dump, with the inventory of what it holds (docs/reliability.md, "Upgrades"). Run it at the commit
# whose schema the fixture should keep, and commit the folder; UpgradeFixtureTests migrates every fixture to the latest
# schema and checks the data. Usage: scripts/make-upgrade-fixture.sh [NAME] (default: the latest migration's name).
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-$(ls src/Vigil.Migrations.Sqlite/Migrations | grep -E '^[0-9]{14}_.*\.cs$' | grep -v Designer | sort | tail -1 | cut -d_ -f2 | cut -d. -f1)}"
out="$PWD/tests/Vigil.Core.Tests/Data/Upgrades/Fixtures/$name"
if [ -e "$out" ]; then
  echo "make-upgrade-fixture: $out exists; a fixture is never remade (it stands for the schema it was made at)" >&2
  exit 1
fi
eval "$(scripts/start-postgres.sh)"
dotnet build tests/Vigil.Core.Tests -v q
VIGIL_MAKE_UPGRADE_FIXTURE="$out" dotnet test --project tests/Vigil.Core.Tests --no-build -- \
  --filter-method 'Vigil.Core.Tests.Data.Upgrades.UpgradeFixtureTests.MakeFixture'
ls -l "$out"
