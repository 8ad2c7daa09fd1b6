import { isGroupSlot } from '../contract/group.js';
import type { TimeSlot } from '../contract/guest.js';
import { plural } from '../i18n/index.js';
// From its own module, not `time/index.ts`: the week part bundles this file (the script lends parts
// nothing of `time/`), so it takes only the formatter it uses.
import { formatTime } from '../time/format.js';
import { titleOf } from './common.js';
import type { ViewContext } from './context.js';

/** A time as the guest reads it: its start in the guest's zone, then for a group session its title and the seats left. */
export function slotText({ state, t, locale, hourCycle }: ViewContext, slot: TimeSlot): [string, ...string[]] {
  const time = formatTime(slot.start_time, { locale, timeZone: state.timeZone, hourCycle });
  // A group session: its title (the configuration's when the API does not say) and seats left.
  return isGroupSlot(slot)
    ? [time, slot.title || titleOf(state.settings!), plural(t('seatsLeft'), slot.capacity, locale)]
    : [time];
}

/** The same time as `other`: the chosen one (shown pressed), or the booking being moved (marked). */
export const isSameTime = (
  slot: TimeSlot,
  other: { start_time?: number; end_time?: number } | null | undefined,
): boolean => other?.start_time === slot.start_time && other.end_time === slot.end_time;
