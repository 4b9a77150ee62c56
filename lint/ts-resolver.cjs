'use strict';
// Import resolver for eslint-plugin-boundaries: our ESM sources import `./x.js` while the file on
// disk is `./x.ts` (TypeScript's NodeNext convention), which the plain node resolver cannot follow.
const { existsSync, statSync } = require('node:fs');
const { dirname, resolve } = require('node:path');

function isFile(path) {
  return existsSync(path) && statSync(path).isFile();
}

function resolveLocal(path) {
  const candidates = [path];
  if (/\.[cm]?js$/.test(path)) candidates.unshift(path.replace(/\.([cm]?)js$/, '.$1ts'));
  candidates.push(`${path}.ts`, resolve(path, 'index.ts'));
  return candidates.find(isFile);
}

module.exports = {
  interfaceVersion: 2,
  resolve(source, file) {
    if (source.startsWith('.') || source.startsWith('/')) {
      const path = resolveLocal(resolve(dirname(file), source));
      return path ? { found: true, path } : { found: false };
    }
    try {
      return { found: true, path: require.resolve(source, { paths: [dirname(file)] }) };
    } catch {
      // Packages with only an ESM "exports" entry: still external, just not located.
      return { found: false };
    }
  },
};
