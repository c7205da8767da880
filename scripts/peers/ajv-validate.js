#!/usr/bin/env node
// Bench peer: Ajv 8 (draft-04 build, ajv-draft-04) validating OCI config.json files against
// the schema directory (default: this repository's schema/, config-schema.json is the root).
//
// Usage: node scripts/peers/ajv-validate.js [--schema-dir DIR] [--verbose] [--timing] [--list FILE]
//                                           [FILE...]
//
// Every DIR/*.json is added under its file name (refs between the files are relative file
// names), the root is compiled once, then each FILE (and each line of --list FILE) is read,
// parsed with JSON.parse and validated with allErrors: true (every error is collected, as a
// linter reporting every finding must). strict: false because the schemas are draft-04 and use
// keywords Ajv's strict mode objects to. --verbose prints each invalid file and its errors.
// --timing adds loop_ns=T to the summary: the nanoseconds spent reading, parsing and validating
// the files (the compile and node's start-up excluded), for the size curve.
// Prints "files=N valid=V invalid=I" (a file that does not parse counts as invalid) and exits 0;
// 2 on a usage error or a schema that does not compile, 3 when a file cannot be read.
'use strict';

const fs = require('fs');
const path = require('path');

const repo = path.resolve(__dirname, '..', '..');
// Ajv is installed by scripts/peers/setup-peers.sh into build/peers/npm.
const npmModules = process.env.OCI_LINT_PEERS_NPM || path.join(repo, 'build', 'peers', 'npm', 'node_modules');
const Ajv = require(path.join(npmModules, 'ajv-draft-04'));

function usage(message) {
  process.stderr.write(`ajv-validate: ${message}\n` +
    'usage: ajv-validate.js [--schema-dir DIR] [--verbose] [--timing] [--list FILE] [FILE...]\n');
  process.exit(2);
}

let schemaDir = path.join(repo, 'schema');
let verbose = false;
let timing = false;
const files = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--schema-dir' || arg === '--list') {
    if (i + 1 >= argv.length) usage(`${arg} needs a value`);
    const value = argv[++i];
    if (arg === '--schema-dir') {
      schemaDir = value;
    } else {
      for (const line of fs.readFileSync(value, 'utf8').split('\n')) {
        if (line.trim() !== '') files.push(line.trim());
      }
    }
  } else if (arg === '--verbose') {
    verbose = true;
  } else if (arg === '--timing') {
    timing = true;
  } else if (arg === '--help' || arg === '-h') {
    process.stdout.write('usage: ajv-validate.js [--schema-dir DIR] [--verbose] [--timing] [--list FILE] [FILE...]\n');
    process.exit(0);
  } else {
    files.push(arg);
  }
}
if (files.length === 0) usage('no FILE');

const ajv = new Ajv({strict: false, allErrors: true});
let validate;
try {
  for (const name of fs.readdirSync(schemaDir).sort()) {
    if (!name.endsWith('.json')) continue;
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, name), 'utf8')), name);
  }
  validate = ajv.getSchema('config-schema.json');
  if (!validate) throw new Error(`${schemaDir}/config-schema.json is missing`);
} catch (err) {
  process.stderr.write(`ajv-validate: cannot compile the schema in ${schemaDir}: ${err.message}\n`);
  process.exit(2);
}

let valid = 0;
let invalid = 0;
let unreadable = 0;
const started = process.hrtime.bigint();
for (const file of files) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`ajv-validate: ${file}: ${err.message}\n`);
    unreadable++;
    continue;
  }
  let instance;
  try {
    instance = JSON.parse(text);
  } catch (err) {
    invalid++;
    if (verbose) process.stdout.write(`${file}: invalid JSON: ${err.message}\n`);
    continue;
  }
  if (validate(instance)) {
    valid++;
  } else {
    invalid++;
    if (verbose) {
      process.stdout.write(`${file}: ${validate.errors.length} error(s)\n`);
      for (const e of validate.errors) process.stdout.write(`  ${e.instancePath || '/'}: ${e.message}\n`);
    }
  }
}
const loopNs = process.hrtime.bigint() - started;
process.stdout.write(`files=${files.length} valid=${valid} invalid=${invalid}` +
  (unreadable ? ` unreadable=${unreadable}` : '') + (timing ? ` loop_ns=${loopNs}` : '') + '\n');
process.exit(unreadable ? 3 : 0);
