// Lists the functions and classes core/, electron/ and renderer/ export that no other
// module uses, so dead code does not come back once deleted (`npm run lint:exports`, part of
// `npm run lint`).
//
// A use is any reference from another file (tests, benches and scripts count) to the
// declaration itself, through however many re-exports: an import and its later uses, a
// namespace's member (`contact.predicates`), `import('…').Type`, a name destructured from a
// dynamic import. A barrel re-exporting a name (`export * from`, `export { x } from`) is not a
// use. What is used only in its own file should not be exported; what nothing uses should not
// exist.
//
// Usage: tsx scripts/unused-exports.ts   (prints each one as path:line name; exits 1 if any)
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Folders whose exports are checked; every file the TypeScript project holds counts as a user. */
const checkedFolders = ['core/', 'electron/', 'renderer/'];

/**
 * Exports known to be unused whose deletion waits: each names why. Keep this short; an entry
 * whose export is used again or gone is reported as stale.
 */
const allowed: ReadonlyMap<string, string> = new Map<string, string>([]);

/** Files whose exports a tool, not a module, reads. */
const entryFile = (path: string) => /(^|\/)[\w-]+\.config\.[cm]?ts$/.test(path);

function loadProgram(): ts.Program {
  const configPath = resolve(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}

/**
 * What is checked: functions (components included) and classes. Types and constants stay
 * out: a schema or a type may be the documented shape of a module without another module
 * naming it.
 */
function isFunctionLike(declaration: ts.Declaration): boolean {
  if (ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration)) return true;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  return ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer);
}

type Unused = Readonly<{ path: string; line: number; name: string }>;

export function findUnusedExports(program: ts.Program, rootDir: string = root): Unused[] {
  const checker = program.getTypeChecker();
  const ownFiles = program.getSourceFiles().filter((file) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/'));
  const original = (symbol: ts.Symbol): ts.Symbol => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const fileOf = (symbol: ts.Symbol) => symbol.declarations?.[0]?.getSourceFile();

  const used = new Set<ts.Symbol>();
  for (const file of ownFiles) {
    const visit = (node: ts.Node): void => {
      // A re-export passes a name on; it does not use it.
      if (ts.isExportDeclaration(node)) return;
      // `const { name } = await import('…')`: the name is a member of the module's type.
      if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
        const key = node.propertyName ?? node.name;
        if (ts.isIdentifier(key)) {
          const member = checker.getTypeAtLocation(node.parent).getProperty(key.text);
          if (member && fileOf(original(member)) !== file) used.add(original(member));
        }
      }
      if (ts.isIdentifier(node)) {
        const symbol = checker.getSymbolAtLocation(node);
        if (symbol) {
          const target = original(symbol);
          if (fileOf(target) !== file) used.add(target);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  const unused: Unused[] = [];
  for (const file of ownFiles) {
    const path = relative(rootDir, file.fileName);
    if (!checkedFolders.some((folder) => path.startsWith(folder)) || entryFile(path)) continue;
    const moduleSymbol = checker.getSymbolAtLocation(file);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target = original(exported);
      // Only what this file declares: a re-export is checked where it is declared.
      if (fileOf(target) !== file || used.has(target)) continue;
      const declaration = target.declarations?.[0];
      if (!declaration || !isFunctionLike(declaration)) continue;
      const line = file.getLineAndCharacterOfPosition(declaration.getStart()).line + 1;
      unused.push({ path, line, name: exported.name });
    }
  }
  return unused.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}

function main(): void {
  const unused = findUnusedExports(loadProgram());
  const reported = unused.filter((u) => !allowed.has(`${u.path}:${u.name}`));
  const stale = [...allowed.keys()].filter((key) => !unused.some((u) => `${u.path}:${u.name}` === key));
  for (const u of reported) console.error(`${u.path}:${u.line} ${u.name} is exported but no other module uses it`);
  for (const key of stale) console.error(`${key} is allowed as unused in scripts/unused-exports.ts but is used or gone: remove the entry`);
  if (reported.length > 0 || stale.length > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
