#!/usr/bin/env bash
# Pictures of the main pages for docs/web.md. The browser journeys (JourneyBrowserTests, DisclosureBrowserTests,
# WorkloadBrowserTests, SavedRepliesBrowserTests, QueueBrowserTests, DisputeBrowserTests,
# OpenPgpKeyBrowserTests, ProgramKeyBrowserTests)
# seed an instance, walk through it in headless Chromium (/usr/bin/chromium) and, with VIGIL_SCREENSHOTS set,
# save every page they check at 390 and 1280 px; this script keeps the ones docs/web.md shows.
# Run it after changing a page, then review the pictures: git diff --stat docs/screenshots
set -euo pipefail
cd "$(dirname "$0")/.."
shots=$(mktemp -d)
trap 'rm -rf "$shots"' EXIT
npm ci --prefix tests/Vigil.Web.Tests/oracle >/dev/null
dotnet build tests/Vigil.Web.Tests >/dev/null
VIGIL_SCREENSHOTS="$shots" dotnet test --project tests/Vigil.Web.Tests --no-build -- \
    --filter-class Vigil.Web.Tests.Pages.Browser.JourneyBrowserTests \
    --filter-class Vigil.Web.Tests.Pages.Browser.DisclosureBrowserTests \
    --filter-class Vigil.Web.Tests.Pages.Browser.WorkloadBrowserTests \
    --filter-class Vigil.Web.Tests.Pages.Browser.SavedRepliesBrowserTests \
    --filter-class Vigil.Web.Tests.Pages.Browser.QueueBrowserTests \
    --filter-class Vigil.Web.Tests.Pages.Browser.DisputeBrowserTests \
    --filter-class Vigil.Web.Tests.Pages.Browser.OpenPgpKeyBrowserTests \
    --filter-class Vigil.Web.Tests.Pages.Browser.ProgramKeyBrowserTests >/dev/null
mkdir -p docs/screenshots
for name in search-results-1280 advisory-page-1280 advisory-page-390 program-page-1280 report-form-1280 \
    report-form-with-a-problem-390 reporter-s-page-with-team-s-question-1280 triager-s-page-after-inviting-1280 \
    publication-check-1280 publication-check-390 team-workload-1280 team-workload-390 saved-replies-page-1280 \
    saved-replies-page-390 triage-queue-with-reports-chosen-1280 triage-queue-with-reports-chosen-390 \
    team-s-dispute-decision-1280 package-page-with-vex-390 \
    openpgp-key-page-1280 openpgp-key-form-with-a-problem-390 program-page-with-its-openpgp-key-1280 \
    program-page-with-its-openpgp-key-390; do
    cp "$shots/$name.png" "docs/screenshots/$name.png"
done
echo "docs/screenshots: $(ls docs/screenshots | wc -l) pictures"
