import type { enLater } from './en-later.js';

/**
 * The widget's English strings up to choosing a time, in the one-file script itself. With `enLater`
 * they are every key: every other language and every host override has these keys.
 */
export const en = {
  loading: 'Loading available times…',
  selectDate: 'Select a date',
  selectTime: 'Select a time',
  timesFor: 'Times on {date}',
  noTimesInMonth: 'No times are available in {month}.',
  goToMonth: 'Show {month}',
  noTimesAtAll: 'No times are available in the coming weeks.',
  checkingMonths: 'Looking for the next available times…',
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  available: 'available',
  unavailable: 'no times',
  today: 'today',
  timeZone: 'Time zone',
  slotName: '{time}, {date}, {zone}',
  duration: 'Duration',
  when: 'When',
  where: 'Where',
  with: 'With',
  retry: 'Try again',
  networkError: 'The booking service is unavailable. Please try again later.',
  timeoutError: 'The scheduling service is taking too long to answer. Please try again.',
  serverError: 'The scheduling service had a problem. Please try again in a moment.',
  rateLimited: 'Too many attempts. Please wait {seconds} seconds and try again.',
  sessionExpired: 'This booking page has expired. Please reload the page to continue.',
  notFound: 'This booking page is not available.',
  badResponse: 'The scheduling service sent an answer we could not read. Please try again.',
  invalidRequest: 'That could not be done: {message}',
  invalidRef: 'This link is not valid. Please use the link from your confirmation email.',
  genericError: 'Something went wrong. Please try again.',
  notConfigured: 'This booking page is not set up yet.',
  seatsLeft: 'one {count} seat left|other {count} seats left',
  openScheduler: 'Book a time',
  close: 'Close',
  bookedTime: 'your booking',
  zoneUnknown: 'We did not understand “{zone}”. Type a city or a time zone, e.g. Berlin or Europe/Berlin.',
};

export type Strings = typeof en & typeof enLater;
export type StringKey = keyof Strings;
