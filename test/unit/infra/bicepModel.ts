import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A small reader of Bicep files, enough to check what a compiler would reject first: unbalanced
 * brackets, undeclared names, unused parameters, modules that do not exist or are called with
 * parameters they do not declare, and resource types without an API version. No Bicep compiler
 * installs here (it ships as a .NET binary, not through npm or Debian), so this stands in for it.
 */

export interface Token {
  kind: 'ident' | 'string' | 'number' | 'punct' | 'newline';
  value: string;
  line: number;
  /** For identifiers inside `${...}` of a string. */
  inInterpolation?: boolean;
}

export interface Declaration {
  kind: 'param' | 'var' | 'resource' | 'module' | 'output' | 'type' | 'func';
  name: string;
  line: number;
  /** resource: the type string; module: the path. */
  target?: string;
  /** param: whether it has a default value. */
  hasDefault?: boolean;
  /** Index in tokens of the declaration keyword. */
  index: number;
}

export interface BicepFile {
  file: string;
  tokens: Token[];
  declarations: Declaration[];
  /** Problems found while reading: unbalanced brackets, unterminated strings or comments. */
  syntaxErrors: string[];
}

const closing: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
const multiCharPunct = ['${', '==', '!=', '>=', '<=', '&&', '||', '??', '=>', '.?', '::', '=~', '!~'];

export function readBicep(file: string): BicepFile {
  const text = fs.readFileSync(file, 'utf8');
  const tokens: Token[] = [];
  const syntaxErrors: string[] = [];
  const stack: { open: string; line: number }[] = [];
  let i = 0;
  let line = 1;

  const push = (kind: Token['kind'], value: string, inInterpolation: boolean) =>
    tokens.push({ kind, value, line, ...(inInterpolation ? { inInterpolation } : {}) });

  // Reads tokens until the closing brace of an interpolation (depth 0) or the end of the text.
  const readExpression = (inInterpolation: boolean): void => {
    const startDepth = stack.length;
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') {
        if (!inInterpolation) push('newline', '\n', false);
        line++;
        i++;
      } else if (c === ' ' || c === '\t' || c === '\r') {
        i++;
      } else if (text.startsWith('//', i)) {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (text.startsWith('/*', i)) {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) {
          syntaxErrors.push(`line ${line}: unterminated /* comment`);
          i = text.length;
        } else {
          line += countNewlines(text.slice(i, end));
          i = end + 2;
        }
      } else if (text.startsWith("'''", i)) {
        const end = text.indexOf("'''", i + 3);
        if (end < 0) {
          syntaxErrors.push(`line ${line}: unterminated ''' string`);
          i = text.length;
        } else {
          push('string', text.slice(i + 3, end), inInterpolation);
          line += countNewlines(text.slice(i, end));
          i = end + 3;
        }
      } else if (c === "'") {
        readString(inInterpolation);
      } else if (/[A-Za-z_]/.test(c)) {
        const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))![0];
        push('ident', match, inInterpolation);
        i += match.length;
      } else if (/[0-9]/.test(c)) {
        const match = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(i))![0];
        push('number', match, inInterpolation);
        i += match.length;
      } else if (c === '{' || c === '[' || c === '(') {
        stack.push({ open: c, line });
        push('punct', c, inInterpolation);
        i++;
      } else if (c === '}' || c === ']' || c === ')') {
        if (inInterpolation && c === '}' && stack.length === startDepth) {
          i++;
          return;
        }
        const open = stack.pop();
        if (!open || closing[open.open] !== c) {
          syntaxErrors.push(
            `line ${line}: '${c}' does not close ${open ? `'${open.open}' opened on line ${open.line}` : 'anything'}`,
          );
          if (open) stack.push(open);
        }
        push('punct', c, inInterpolation);
        i++;
      } else {
        const multi = multiCharPunct.find((p) => text.startsWith(p, i));
        const value = multi ?? c;
        if (!multi && !/[,:.?!=<>&|+\-*/%@;]/.test(c)) syntaxErrors.push(`line ${line}: unexpected character '${c}'`);
        push('punct', value, inInterpolation);
        i += value.length;
      }
    }
    if (inInterpolation) syntaxErrors.push(`line ${line}: unterminated \${ interpolation`);
  };

  const readString = (inInterpolation: boolean): void => {
    const startLine = line;
    let value = '';
    i++; // opening quote
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') {
        value += text.slice(i, i + 2);
        i += 2;
      } else if (c === "'") {
        i++;
        push('string', value, inInterpolation);
        return;
      } else if (c === '\n') {
        syntaxErrors.push(`line ${startLine}: string not closed on its line`);
        push('string', value, inInterpolation);
        return;
      } else if (text.startsWith('${', i)) {
        i += 2;
        value += '${…}';
        readExpression(true);
      } else {
        value += c;
        i++;
      }
    }
    syntaxErrors.push(`line ${startLine}: unterminated string`);
  };

  readExpression(false);
  for (const open of stack) syntaxErrors.push(`line ${open.line}: '${open.open}' is never closed`);

  return { file, tokens, declarations: findDeclarations(tokens), syntaxErrors };
}

function countNewlines(text: string): number {
  let n = 0;
  for (const c of text) if (c === '\n') n++;
  return n;
}

const declarationKeywords = new Set(['param', 'var', 'resource', 'module', 'output', 'type', 'func']);

/** Top-level declarations: a keyword first on its line (after decorators), outside any brackets. */
function findDeclarations(tokens: Token[]): Declaration[] {
  const declarations: Declaration[] = [];
  let depth = 0;
  let lineStart = true;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (token.inInterpolation) continue;
    if (token.kind === 'newline') {
      lineStart = true;
      continue;
    }
    const wasLineStart = lineStart;
    lineStart = false;
    if (token.kind === 'punct' && '{[('.includes(token.value)) depth++;
    if (token.kind === 'punct' && '}])'.includes(token.value)) depth--;
    if (!wasLineStart || depth !== 0 || token.kind !== 'ident' || !declarationKeywords.has(token.value)) continue;
    const name = tokens[t + 1];
    if (!name || name.kind !== 'ident') continue;
    const declaration: Declaration = { kind: token.value as Declaration['kind'], name: name.value, line: token.line, index: t };
    if (token.value === 'resource' || token.value === 'module') {
      const target = tokens[t + 2];
      if (target?.kind === 'string') declaration.target = target.value;
    }
    if (token.value === 'param') {
      let u = t + 2;
      while (u < tokens.length && tokens[u].kind !== 'newline' && !(tokens[u].kind === 'punct' && tokens[u].value === '=')) u++;
      declaration.hasDefault = tokens[u]?.kind === 'punct' && tokens[u].value === '=';
    }
    declarations.push(declaration);
  }
  return declarations;
}

const keywords = new Set([
  'param', 'var', 'resource', 'module', 'output', 'type', 'func', 'targetScope', 'existing', 'if', 'for', 'in',
  'true', 'false', 'null', 'import', 'with', 'as', 'metadata', 'using', 'extension',
]);
/** Bicep's built-in functions (sys namespace) and the az namespace functions used in templates. */
export const builtinFunctions = new Set([
  // any, array, conversion
  'any', 'array', 'bool', 'int', 'string', 'json', 'base64', 'base64ToJson', 'base64ToString', 'dataUri', 'dataUriToString',
  'uriComponent', 'uriComponentToString', 'parseCidr', 'cidrHost', 'cidrSubnet',
  // arrays and objects
  'concat', 'contains', 'empty', 'first', 'last', 'indexOf', 'lastIndexOf', 'length', 'max', 'min', 'range', 'skip', 'take',
  'union', 'intersection', 'items', 'filter', 'map', 'reduce', 'sort', 'toObject', 'flatten', 'groupBy', 'mapValues',
  'objectKeys', 'shallowMerge', 'tryGet', 'join', 'coalesce',
  // strings
  'endsWith', 'format', 'guid', 'newGuid', 'padLeft', 'replace', 'split', 'startsWith', 'substring', 'toLower', 'toUpper',
  'trim', 'uniqueString', 'uri', 'utcNow', 'dateTimeAdd', 'dateTimeFromEpoch', 'dateTimeToEpoch', 'buildUri', 'parseUri',
  // numbers and logic
  'add', 'div', 'float', 'mod', 'mul', 'sub', 'and', 'or', 'not', 'equals', 'greater', 'greaterOrEquals', 'less', 'lessOrEquals',
  // files and deployment
  'loadFileAsBase64', 'loadJsonContent', 'loadYamlContent', 'loadTextContent', 'environment', 'deployment', 'deployer',
  'externalInput', 'readEnvironmentVariable',
  // resources and scopes
  'extensionResourceId', 'getSecret', 'list', 'listKeys', 'listAccountSas', 'listServiceSas', 'pickZones', 'providers',
  'reference', 'resourceId', 'subscriptionResourceId', 'tenantResourceId', 'managementGroupResourceId', 'managementGroup',
  'resourceGroup', 'subscription', 'tenant',
  // decorators (used with @)
  'description', 'allowed', 'minLength', 'maxLength', 'minValue', 'maxValue', 'secure', 'sealed', 'discriminator',
  'export', 'batchSize', 'onlyIfNotExists',
]);

export interface Reference {
  name: string;
  line: number;
}

/** Identifiers used as values (not property names, object keys, types, decorators or keywords). */
export function findReferences(bicep: BicepFile): Reference[] {
  const { tokens } = bicep;
  const declaredAt = new Set(bicep.declarations.map((d) => d.index + 1));
  const references: Reference[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (token.kind !== 'ident' || keywords.has(token.value) || declaredAt.has(t)) continue;
    const previous = tokens[t - 1];
    const next = tokens[t + 1];
    if (previous && previous.kind === 'punct' && ['.', '.?', '::', '@'].includes(previous.value)) continue;
    // The type after a param or output name: `param location string`, `output uri string`.
    if (declaredAt.has(t - 1) && ['param', 'output'].includes(tokens[t - 2]?.value)) continue;
    // Object key: first on its line or after '{' / ',', followed by ':'.
    const keyPosition = !previous || previous.kind === 'newline' || (previous.kind === 'punct' && ['{', ','].includes(previous.value));
    if (keyPosition && next?.kind === 'punct' && next.value === ':') continue;
    // Function call: checked against the built-ins and the file's own functions.
    if (next?.kind === 'punct' && next.value === '(') {
      if (builtinFunctions.has(token.value)) continue;
    }
    references.push({ name: token.value, line: token.line });
  }
  return references;
}

/** Names bound by `for x in`, `for (x, i) in` and lambdas `x => ...`, `(a, b) => ...`. */
export function findLocalNames(bicep: BicepFile): Set<string> {
  const { tokens } = bicep;
  const names = new Set<string>();
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (token.kind === 'ident' && token.value === 'for') {
      let u = t + 1;
      while (u < tokens.length && !(tokens[u].kind === 'ident' && tokens[u].value === 'in')) {
        if (tokens[u].kind === 'ident') names.add(tokens[u].value);
        u++;
      }
    }
    if (token.kind === 'punct' && token.value === '=>') {
      const before = tokens[t - 1];
      if (before?.kind === 'ident') names.add(before.value);
      if (before?.kind === 'punct' && before.value === ')') {
        for (let u = t - 2; u >= 0 && !(tokens[u].kind === 'punct' && tokens[u].value === '('); u--) {
          if (tokens[u].kind === 'ident') names.add(tokens[u].value);
        }
      }
    }
  }
  return names;
}

/** The keys of the object literal that starts at tokens[open] (which must be '{'), at its top level. */
export function objectKeys(tokens: Token[], open: number): { keys: string[]; close: number } {
  const keys: string[] = [];
  let depth = 0;
  for (let t = open; t < tokens.length; t++) {
    const token = tokens[t];
    if (token.kind === 'punct' && '{[('.includes(token.value)) depth++;
    if (token.kind === 'punct' && '}])'.includes(token.value)) {
      depth--;
      if (depth === 0) return { keys, close: t };
    }
    if (depth === 1 && (token.kind === 'ident' || token.kind === 'string') && tokens[t + 1]?.value === ':') {
      const previous = tokens[t - 1];
      if (previous.kind === 'newline' || (previous.kind === 'punct' && ['{', ','].includes(previous.value))) keys.push(token.value);
    }
  }
  return { keys, close: tokens.length - 1 };
}

/** The module's `params: { ... }` keys, read from the module declaration's body. */
export function moduleParamKeys(bicep: BicepFile, declaration: Declaration): string[] {
  const { tokens } = bicep;
  let t = declaration.index;
  while (t < tokens.length && !(tokens[t].kind === 'punct' && tokens[t].value === '{')) t++;
  const body = objectKeys(tokens, t);
  let depth = 0;
  for (let u = t; u <= body.close; u++) {
    const token = tokens[u];
    if (token.kind === 'punct' && '{[('.includes(token.value)) depth++;
    if (token.kind === 'punct' && '}])'.includes(token.value)) depth--;
    if (depth === 1 && token.kind === 'ident' && token.value === 'params' && tokens[u + 1]?.value === ':' && tokens[u + 2]?.value === '{') {
      return objectKeys(tokens, u + 2).keys;
    }
  }
  return [];
}

/** `name.outputs.X` uses in a file, by module name. */
export function moduleOutputUses(bicep: BicepFile): { module: string; output: string; line: number }[] {
  const uses: { module: string; output: string; line: number }[] = [];
  const { tokens } = bicep;
  for (let t = 0; t + 4 < tokens.length; t++) {
    if (
      tokens[t].kind === 'ident' &&
      tokens[t + 1].value === '.' &&
      tokens[t + 2].value === 'outputs' &&
      ['.', '.?'].includes(tokens[t + 3].value) &&
      tokens[t + 4].kind === 'ident'
    ) {
      uses.push({ module: tokens[t].value, output: tokens[t + 4].value, line: tokens[t].line });
    }
  }
  return uses;
}

/** Every .bicep file under a folder. */
export function listBicepFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...listBicepFiles(full));
    else if (entry.name.endsWith('.bicep')) files.push(full);
  }
  return files.sort();
}

/**
 * App settings the infra gives the Function App: the keys of every object literal assigned to an
 * `appSettings:` property or to a variable whose name ends in `Settings` (functionApp.bicep merges them).
 */
export function infraAppSettings(files: BicepFile[]): Map<string, { file: string; line: number }> {
  const settings = new Map<string, { file: string; line: number }>();
  for (const bicep of files) {
    const { tokens } = bicep;
    for (let t = 0; t + 2 < tokens.length; t++) {
      const token = tokens[t];
      if (token.kind !== 'ident') continue;
      const isProperty = token.value === 'appSettings' && tokens[t + 1].value === ':' && tokens[t + 2].value === '{';
      const isVariable =
        tokens[t - 1]?.value === 'var' && /Settings$/.test(token.value) && tokens[t + 1].value === '=' && tokens[t + 2].value === '{';
      if (!isProperty && !isVariable) continue;
      const { keys } = objectKeys(tokens, t + 2);
      for (const key of keys) settings.set(key, { file: bicep.file, line: token.line });
    }
  }
  return settings;
}
