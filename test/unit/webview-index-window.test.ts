// Fitting, zooming and panning the map's visible index window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitWindow, formatIndex, formatRange, panWindow, zoomWindow } from '../../src/webview/index-window-model';

const u16 = { first: 0, last: 0xffff };

test('fit: small spaces whole, large spaces to twice the next power of two past the last used index', () => {
  assert.deepEqual(fitWindow({ first: 0, last: 7 }, { first: 0, last: 31 }), { first: 0, last: 31 });
  assert.deepEqual(fitWindow({ first: 0, last: 7 }, u16), { first: 0, last: 15 });
  assert.deepEqual(fitWindow({ first: 0, last: 2047 }, u16), { first: 0, last: 4095 });
  assert.deepEqual(fitWindow({ first: 0, last: 40000 }, u16), u16);
  assert.deepEqual(fitWindow(undefined, u16), u16);
  assert.deepEqual(fitWindow({ first: 0x10000, last: 0x10003 }, { first: 0x10000, last: 0x1ffff }), { first: 0x10000, last: 0x10007 });
});

test('zoom in halves around the centre, zoom out doubles, both stay inside the space', () => {
  assert.deepEqual(zoomWindow({ first: 0, last: 63 }, u16, 0.5), { first: 16, last: 47 });
  assert.deepEqual(zoomWindow({ first: 0, last: 63 }, u16, 2), { first: 0, last: 127 });
  assert.deepEqual(zoomWindow({ first: 0xff00, last: 0xffff }, u16, 4), { first: 0xfc00, last: 0xffff });
  assert.deepEqual(zoomWindow({ first: 0, last: 7 }, u16, 0.5), { first: 0, last: 7 });
  assert.deepEqual(zoomWindow(u16, u16, 2), u16);
});

test('pan moves by a fraction and stops at the ends', () => {
  assert.deepEqual(panWindow({ first: 0, last: 15 }, u16, 0.25), { first: 4, last: 19 });
  assert.deepEqual(panWindow({ first: 0, last: 15 }, u16, -0.25), { first: 0, last: 15 });
  assert.deepEqual(panWindow({ first: 0xfff0, last: 0xffff }, u16, 1), { first: 0xfff0, last: 0xffff });
});

test('indices are decimal, with hex from 256 on', () => {
  assert.equal(formatIndex(7), '7');
  assert.equal(formatIndex(65535), '65535 (0xffff)');
  assert.equal(formatRange(4, 4), 'index 4');
  assert.equal(formatRange(0, 7), '0..7');
});
