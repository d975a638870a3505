// Validates a SARIF log against the official SARIF 2.1.0 JSON schema (rtm.5, draft-04), configured
// the way @microsoft/jest-sarif's own matcher configures ajv. Usage: node sarif-validate.js FILE
// Prints "valid" and exits 0, or prints one error per line and exits 1.
'use strict';
const fs = require('fs');
const Ajv = require('ajv');
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const ajv = new Ajv({ schemaId: 'auto', validateSchema: false, allErrors: true });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(schema);
const log = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
if (validate(log)) {
  console.log('valid');
} else {
  for (const error of validate.errors) {
    console.log(`${error.dataPath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
  }
  process.exit(1);
}
