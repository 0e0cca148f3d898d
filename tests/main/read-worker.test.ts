/** A read thread hands over the buffer of a serialized batch only when the batch is all of it. */
import { serialize } from 'node:v8';
import { expect, test } from 'vitest';
import { ownBuffer } from '../../main/core/read-worker.js';

test.each([
  { name: 'a serialized batch (its own buffer)', bytes: serialize(['a', 1, true]), handedOver: true },
  { name: 'a small buffer from the shared pool', bytes: Buffer.from('abc'), handedOver: false },
  { name: 'a view of part of a buffer', bytes: new Uint8Array(new ArrayBuffer(16), 4, 8), handedOver: false },
  { name: 'a view of shared memory', bytes: new Uint8Array(new SharedArrayBuffer(8)), handedOver: false },
])('$name', ({ bytes, handedOver }) => {
  expect(ownBuffer(bytes)).toEqual(handedOver ? [bytes.buffer] : []);
});
