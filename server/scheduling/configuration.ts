/** The rules of a configuration: its defaults, its kind, its organizer, what makes it unusable. */
import type { PublicSchedulerSettings } from '../../src/contract/guest.js';
import type { ConfigurationInput, Participant } from '../../src/contract/admin.js';

/** The `scheduler` settings with the defaults a client may rely on. */
export const schedulerSettings = (config: Pick<ConfigurationInput, 'scheduler'>): PublicSchedulerSettings => ({
  ...config.scheduler,
  available_days_in_future: config.scheduler?.available_days_in_future ?? 30,
  min_booking_notice: config.scheduler?.min_booking_notice ?? 60,
  min_cancellation_notice: config.scheduler?.min_cancellation_notice ?? 0,
  additional_fields: config.scheduler?.additional_fields ?? {},
});

export const isRoundRobin = (config: ConfigurationInput): boolean =>
  config.availability.availability_rules?.availability_method === 'max-fairness' ||
  config.availability.availability_rules?.availability_method === 'max-availability';

/** The organizer; a round-robin configuration may name none, then its first host stands in. */
export const organizerOf = (config: ConfigurationInput): Participant =>
  config.participants.find((participant) => participant.is_organizer) ?? config.participants[0]!;

/** The configuration's rules that make a configuration unusable, as a message, or undefined. */
export function configurationProblem(config: ConfigurationInput): string | undefined {
  const organizers = config.participants.filter((participant) => participant.is_organizer).length;
  if (isRoundRobin(config) ? organizers > 1 : organizers !== 1) {
    return isRoundRobin(config)
      ? 'participants: At most one participant of a round-robin configuration can have is_organizer: true'
      : 'participants: Exactly one participant must have is_organizer: true';
  }
  const emails = config.participants.map((participant) => participant.email);
  if (new Set(emails).size !== emails.length) return 'participants: Each participant can appear only once';
  return undefined;
}
