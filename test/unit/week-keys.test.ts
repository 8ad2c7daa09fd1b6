// Keyboard movement in the week layout's grid (src/views/week.ts), pure: which cell a key moves to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextWeekCell, weekStart } from '../../src/views/week.js';

// 2030-01-31 is a Thursday; weeks from Sunday (0) unless said.
const bounds = { firstDayOfWeek: 0, first: '2030-01-27', last: '2030-03-02', rows: 4 };
const from = { day: '2030-01-31', row: 2 };

test('weekStart: the first day of the week a day is in, for any first weekday', () => {
  assert.equal(weekStart('2030-01-31', 0), '2030-01-27');
  assert.equal(weekStart('2030-01-31', 1), '2030-01-28');
  assert.equal(weekStart('2030-01-31', 6), '2030-01-26');
  assert.equal(weekStart('2030-01-27', 0), '2030-01-27');
});

test('arrows: left and right change the day and keep the row (mirrored right to left); up and down the row within the day', () => {
  assert.deepEqual(nextWeekCell('ArrowRight', from, bounds), { day: '2030-02-01', row: 2 });
  assert.deepEqual(nextWeekCell('ArrowLeft', from, bounds), { day: '2030-01-30', row: 2 });
  assert.deepEqual(nextWeekCell('ArrowLeft', from, bounds, true), { day: '2030-02-01', row: 2 });
  assert.deepEqual(nextWeekCell('ArrowRight', from, bounds, true), { day: '2030-01-30', row: 2 });
  assert.deepEqual(nextWeekCell('ArrowUp', from, bounds), { day: '2030-01-31', row: 1 });
  assert.deepEqual(nextWeekCell('ArrowDown', from, bounds), { day: '2030-01-31', row: 3 });
  assert.deepEqual(
    nextWeekCell('ArrowDown', { day: from.day, row: 3 }, bounds),
    { day: from.day, row: 3 },
    'the last time stays',
  );
  assert.deepEqual(
    nextWeekCell('ArrowUp', { day: from.day, row: 0 }, bounds),
    { day: from.day, row: 0 },
    'the first time stays',
  );
});

test('a row kept from a day with more times: up and down start from the last time this day has', () => {
  assert.deepEqual(nextWeekCell('ArrowUp', { day: from.day, row: 9 }, bounds), { day: from.day, row: 2 });
  assert.deepEqual(nextWeekCell('ArrowUp', { day: from.day, row: 9 }, { ...bounds, rows: 1 }), {
    day: from.day,
    row: 0,
  });
});

test('Home and End: the first and last day of the week; PageUp and PageDown: a week back and on', () => {
  assert.deepEqual(nextWeekCell('Home', from, bounds), { day: '2030-01-27', row: 2 });
  assert.deepEqual(nextWeekCell('End', from, bounds), { day: '2030-02-02', row: 2 });
  assert.deepEqual(nextWeekCell('End', from, { ...bounds, firstDayOfWeek: 1 }), { day: '2030-02-03', row: 2 });
  assert.deepEqual(nextWeekCell('PageDown', from, bounds), { day: '2030-02-07', row: 2 });
  assert.deepEqual(nextWeekCell('PageUp', { day: '2030-02-07', row: 2 }, bounds), from);
});

test('the day stays within the reachable days; other keys are not grid keys', () => {
  assert.deepEqual(nextWeekCell('PageUp', from, bounds), { day: '2030-01-27', row: 2 });
  assert.deepEqual(nextWeekCell('ArrowLeft', { day: '2030-01-27', row: 0 }, bounds), { day: '2030-01-27', row: 0 });
  assert.deepEqual(nextWeekCell('PageDown', { day: '2030-02-28', row: 0 }, bounds), { day: '2030-03-02', row: 0 });
  assert.equal(nextWeekCell('Enter', from, bounds), null);
  assert.equal(nextWeekCell('a', from, bounds), null);
});
