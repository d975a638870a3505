// Runs Renovate's real @renovatebot/osv-offline against OSV_OFFLINE_DATABASE_URL (and OSV_OFFLINE_ROOT_DIR)
// from the environment: downloads and unpacks the database as Renovate does, then prints, for each
// "ecosystem/name" argument (split at the first '/'), the ids it finds, as one JSON object.
import { OsvOffline } from '@renovatebot/osv-offline';

const db = await OsvOffline.create();
const found = {};
for (const arg of process.argv.slice(2)) {
  const cut = arg.indexOf('/');
  const vulns = await db.getVulnerabilities(arg.slice(0, cut), arg.slice(cut + 1));
  found[arg] = vulns.map((v) => v.id).sort();
}
db[Symbol.dispose]();
console.log(JSON.stringify(found));
