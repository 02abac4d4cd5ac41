// The JSON Schema shipped in schema/: its Amount pattern takes exactly the
// amount texts the file reader takes (the shared list in
// fixtures/file-amounts.tsv, which crates/budget-core's amount tests read too).
// No browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

test('the schema Amount pattern takes exactly what the file reader takes', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'budget-form-v1.schema.json'), 'utf8'));
  const amount = (schema.$defs ?? schema.definitions).Amount;
  assert.equal(amount.type, 'string');
  const pattern = new RegExp(amount.pattern, 'u');
  const cases = readFileSync(join(ROOT, 'fixtures', 'file-amounts.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const k = l.lastIndexOf('\t');
      return [l.slice(0, k), l.slice(k + 1)];
    });
  assert.ok(cases.length >= 20, `${cases.length} cases`);
  for (const [text, want] of cases) {
    assert.equal(pattern.test(text), want === 'yes', JSON.stringify(text));
  }
});
