// ESM-only packages (ml-kmeans and its helpers, hyparquet) are transformed to CommonJS for Jest.
const esmOnly = [
  'ml-kmeans', 'ml-distance-euclidean', 'ml-nearest-vector', 'ml-spectra-processing', 'is-any-array',
  'cheminfo-types', 'hyparquet', 'hyparquet-compressors', 'hysnappy',
  // vega 5's CommonJS build requires these ESM-only packages.
  'd3-[a-z-]+', 'internmap', 'delaunator', 'robust-predicates', 'json-stringify-pretty-compact',
];
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/test/helpers/summaryReporter.js'],
};
