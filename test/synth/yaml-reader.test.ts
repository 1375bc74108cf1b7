import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { toYaml } from '../../src/synth/yaml-emitter.js';
import { fastRead, NOT_SIMPLE, readYaml } from '../../src/synth/yaml-reader.js';
import { everyEnvironment, objectsOf } from '../support/synth.js';

/** What the yaml package reads (YAML 1.1, as validate read files before). */
function library(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS()).filter((d) => d !== null && d !== undefined);
}

const AWKWARD = ['', 'on', 'no', '0777', '1:30', '1e3', '~', 'null', '- x', 'a: b', 'a #b', '"q"', "it's", '{x}', '[y]', 'trailing ', 'multi\nline', 'é ✓', '\u0007'];

describe('the manifest reader reads what the yaml package reads', () => {
  it('for every synthesized object, on the fast path unless it holds multi-line text', () => {
    let count = 0;
    for (const { charts } of everyEnvironment()) {
      for (const obj of objectsOf(charts)) {
        const text = toYaml(obj);
        // Multi-line text (a script, a config file in a ConfigMap) is a block scalar, which the fast path leaves to the library.
        if (!JSON.stringify(obj).includes('\\n')) expect(fastRead(text), text).not.toBe(NOT_SIMPLE);
        expect(readYaml(text).documents).toEqual(library(text));
        expect(readYaml(text).documents).toEqual([obj]);
        count++;
      }
    }
    expect(count).toBeGreaterThan(100);
  });

  it.each(AWKWARD.map((s) => [JSON.stringify(s), s]))('for the string %s in every position', (_, s) => {
    const text = toYaml({ [s || 'k']: s, list: [s, { [s || 'k']: s, nested: [[s]] }], empty: {}, none: [] });
    expect(readYaml(text).documents).toEqual(library(text));
  });

  it.each([
    ['a key without a value (null)', 'a: 1\nb:\nc: 2\n'],
    ['a comment', 'a: 1 # one\n# note\nb: 2\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a block scalar', 'a: |\n  line\n  two\nb: x\n'],
    ['a flow mapping', 'a: {b: 1, c: [2, 3]}\n'],
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 5\n'],
    ['a sequence not indented under its key', 'a:\n- 1\n- 2\nb: 3\n'],
    ['a plain scalar over two lines', 'a: one\n  two\nb: 3\n'],
    ['YAML 1.1 booleans and octals', 'a: yes\nb: off\nc: 0777\nd: 1:30\n'],
    ['trailing spaces', 'a: 1  \nb: 2\n'],
    ['no final newline', 'a: 1\nb: 2'],
    ['quoted keys with colons', '"a: b": 1\n\'c\': 2\n'],
    ['a top-level sequence', '- a\n- b\n'],
    ['an empty file', ''],
    ['deeper items after a sequence', 'a:\n  - b: 1\n    c:\n      - 2\n  - 3\nd: {}\n'],
  ])('for hand-written YAML: %s', (_, text) => {
    expect(readYaml(text).documents).toEqual(library(text));
  });

  it('reports invalid YAML as an error, not as a document', () => {
    expect(readYaml('a: 1\na: 2\n').error).toMatch(/unique/i);
    expect(readYaml('a: [1\n').error).toBeDefined();
    expect(readYaml('a: 1\na: 2\n').documents).toEqual([]);
    expect(readYaml('a:\n\tb: 1\n').error).toMatch(/tab/i);
  });
});
