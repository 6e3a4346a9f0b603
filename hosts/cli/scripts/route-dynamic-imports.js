/**
 * @module
 * Turns every `import(…)` left in a bundle into a call of the wrapper's parameter
 * `IMPORT_PARAMETER`, which `src/run-bundle.ts` passes in: Node 20 runs a native `import()`
 * in a `vm.Script` whose code came from V8's code cache with no loader at all
 * (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). es-module-lexer finds the calls, so strings,
 * comments and regular expressions that merely read `import(` are left alone.
 */
import { init, parse } from 'es-module-lexer';
import { readFileSync, writeFileSync } from 'node:fs';

/** As long as `import`, so every column after one stays where the source map says. */
export const IMPORT_PARAMETER = 'dynImp';

/**
 * Rewrites the bundle `file` in place; returns how many calls it rewrote. Throws when the
 * parameter's name occurs in it other than as the wrapper's parameter, or a call is not of
 * the form `import(`.
 */
export async function routeDynamicImports(file) {
  await init;
  const source = readFileSync(file, 'utf8');
  if (source.match(new RegExp(`\\b${IMPORT_PARAMETER}\\b`, 'g'))?.length !== 1) throw new Error(`bundle: ${file} already uses the name ${IMPORT_PARAMETER}`);
  const [imports] = parse(source);
  const dynamic = imports.filter((i) => i.d >= 0);
  // The function passed in takes the specifier only: no bundled call has import attributes.
  const withAttributes = dynamic.find((i) => i.a >= 0);
  if (withAttributes !== undefined) throw new Error(`bundle: import attributes are not passed on, at offset ${withAttributes.ss} of ${file}`);
  const calls = dynamic.map((i) => i.ss);
  let out = source;
  for (const at of calls) {
    if (!/^import\s*\($/.test(source.slice(at, source.indexOf('(', at) + 1)) || /[\w$.]/.test(source[at - 1] ?? '')) {
      throw new Error(`bundle: unexpected dynamic import at offset ${at} of ${file}: ${source.slice(at, at + 40)}`);
    }
    out = `${out.slice(0, at)}${IMPORT_PARAMETER}${out.slice(at + IMPORT_PARAMETER.length)}`;
  }
  if (imports.some((i) => i.d === -1)) throw new Error(`bundle: ${file} has a static import; a script cannot`);
  writeFileSync(file, out);
  return calls.length;
}
