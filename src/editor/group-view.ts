import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { Calendar, GroupConfiguration, GroupEventRecord } from '../contract/admin.js';
import type { AdminClient } from './admin.js';
import type { Fields, Notice } from './context.js';
import { input, minutes, problemLine, select } from './form-view.js';
import { plural } from '../i18n/index.js';
import {
  sessionInput,
  toGroupConfiguration,
  toGroupForm,
  validateGroup,
  validateSession,
  type GroupForm,
  type SessionForm,
} from './group-model.js';
import type { Problems } from './model.js';
import { noticeOf, renderNotice } from './notice.js';
import type { EditorTranslate } from './strings.js';

/** How far ahead the sessions are listed: the API lists at most 400 days at once. */
const AHEAD_SECONDS = 366 * 24 * 3600;

export interface GroupContext {
  t: EditorTranslate;
  locale: string;
  client: AdminClient;
  calendars: Calendar[];
  apiUrl: string;
  theme: string;
  zone: string;
  /** Re-renders, then focuses what `focus` selects, if given. */
  changed(focus?: string): void;
  saved(config: GroupConfiguration): void;
  snippet(config: GroupConfiguration): string;
}

interface Both {
  group: GroupForm;
  session: SessionForm;
}

/**
 * A group configuration (a class with seats): its name, calendar and default seats, and its
 * sessions, once or weekly, each with its seats; a session or a whole series can be removed
 * (the API cancels its seats and tells the guests).
 */
export class GroupPanel implements Fields<Both> {
  readonly t: EditorTranslate;
  problems: Problems = {};
  #forms: Both;
  #showGroup = false;
  #showSession = false;
  #notice: Notice | null = null;
  #sessions: GroupEventRecord[] | null = null;
  #busy = false;
  #previewKey = 0;

  constructor(
    readonly context: GroupContext,
    public config: GroupConfiguration | null,
  ) {
    this.t = context.t;
    this.#forms = {
      group: toGroupForm(
        config,
        context.calendars.find((calendar) => calendar.is_primary)?.id ?? context.calendars[0]?.id ?? '',
      ),
      session: {
        title: config?.group_booking.title ?? config?.name ?? '',
        date: '',
        start: '9:00',
        duration: '60',
        zone: context.zone,
        capacity: '',
        weeks: '1',
      },
    };
    if (config) void this.loadSessions();
  }

  change(mutate: (forms: Both) => void): void {
    const forms = structuredClone(this.#forms);
    mutate(forms);
    this.#forms = forms;
    this.#check();
    this.context.changed();
  }

  #check(): void {
    this.problems = {
      ...(this.#showGroup ? validateGroup(this.#forms.group) : {}),
      ...(this.#showSession ? validateSession(this.#forms.session) : {}),
    };
  }

  async loadSessions(): Promise<void> {
    if (!this.config) return;
    const now = Math.floor(Date.now() / 1000);
    try {
      this.#sessions = await this.context.client.groupEvents(this.config.id, this.config.group_booking.calendar_id, {
        start: now,
        end: now + AHEAD_SECONDS,
      });
    } catch (error) {
      this.#notice = noticeOf(this.t, error);
    }
    this.context.changed();
  }

  async #run(action: () => Promise<void>, done: string, focus = 'h2'): Promise<void> {
    this.#busy = true;
    this.#notice = { kind: 'status', text: this.t('saving') };
    this.context.changed();
    try {
      await action();
      this.#notice = { kind: 'status', text: done };
      this.#previewKey++;
      await this.loadSessions();
      this.context.changed(focus);
    } catch (error) {
      this.#notice = noticeOf(this.t, error);
    } finally {
      this.#busy = false;
      this.context.changed();
    }
  }

  #save = (): void => {
    this.#showGroup = true;
    this.#check();
    if (Object.keys(this.problems).some((id) => id.startsWith('group.'))) return this.#invalid();
    const created = !this.config;
    void this.#run(
      async () => {
        this.config = await this.context.client.saveGroup(
          this.config?.id ?? null,
          toGroupConfiguration(this.#forms.group, this.config),
        );
        this.context.saved(this.config);
        const { session, group } = this.#forms;
        if (!session.title)
          this.#forms = { group, session: { ...session, title: group.title.trim() || group.name.trim() } };
      },
      this.t(created ? 'created' : 'saved'),
    );
  };

  #addSession = (): void => {
    this.#showSession = true;
    this.#check();
    if (Object.keys(this.problems).some((id) => id.startsWith('session.'))) return this.#invalid();
    const config = this.config!;
    void this.#run(
      async () => {
        await this.context.client.createGroupEvent(
          config.id,
          sessionInput(this.#forms.session, config.group_booking.calendar_id),
        );
        this.#showSession = false;
        this.#forms = { ...this.#forms, session: { ...this.#forms.session, date: '' } };
        this.#check();
      },
      this.t('sessionAdded'),
      '#sessions h3',
    );
  };

  #invalid(): void {
    this.#notice = { kind: 'alert', text: this.t('fixErrors', { count: Object.keys(this.problems).length }) };
    this.context.changed('[aria-invalid="true"]');
  }

  #remove(eventId: string): void {
    const config = this.config!;
    void this.#run(
      () => this.context.client.deleteGroupEvent(config.id, eventId),
      this.t('sessionRemoved'),
      '#sessions h3',
    );
  }

  #session(record: GroupEventRecord) {
    const { t, locale } = this.context;
    const info = record.group_event_info;
    const when = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).formatRange(
      record.when.start_time * 1000,
      record.when.end_time * 1000,
    );
    const label = `${record.title}, ${when}`;
    return html`<li class="item" part="session">
      <span><strong>${record.title}</strong><br />${when}<br /><span class="muted">${plural(
        t('seats'),
        record.capacity ?? info?.capacity ?? 0,
        locale,
      )}</span></span>
      <span class="actions">
        <button type="button" class="danger" ?disabled=${this.#busy} aria-label="${t('removeSession')}: ${label}"
          @click=${() => this.#remove(record.id)}>${t('removeSession')}</button>
        ${
          info?.master_id
            ? html`<button type="button" class="danger" ?disabled=${this.#busy}
              aria-label="${t('removeSeries')}: ${label}"
                @click=${() => this.#remove(info.master_id)}>${t('removeSeries')}</button>`
            : nothing
        }
      </span>
    </li>`;
  }

  render(back: () => void) {
    const { t, calendars } = this.context;
    const { group, session } = this.#forms;
    const config = this.config;
    return html`<h2 tabindex="-1">${config?.name || t('newGroup')}</h2>
      ${renderNotice(this.#notice)}
      <div class="editor">
        <div class="editor-main">
          <form novalidate aria-label=${t('groupEvent')}
            @submit=${(event: Event) => (event.preventDefault(), this.#save())}>
            <fieldset>
              <legend>${t('groupEvent')}</legend>
              ${input(this, 'group.name', t('name'), group.name, (f, v) => (f.group.name = v))}
              ${input(this, 'group.title', t('title'), group.title, (f, v) => (f.group.title = v))}
              ${select(
                this,
                'group.calendar',
                t('groupCalendar'),
                group.calendar,
                calendars.map((calendar) => [calendar.id, calendar.name || calendar.id]),
                (f, v) => (f.group.calendar = v),
              )}
              ${problemLine(this, 'group.calendar')}
              ${input(
                this,
                'group.capacity',
                t('defaultSeats'),
                group.capacity,
                (f, v) => (f.group.capacity = v),
                minutes,
              )}
            </fieldset>
            <div class="actions">
              <button type="submit" class="primary" ?disabled=${this.#busy}>${t('save')}</button>
              <button type="button" @click=${back}>${t('back')}</button>
            </div>
          </form>
          ${
            config
              ? html`<section id="sessions" aria-labelledby="sessions-heading">
                <h3 id="sessions-heading" tabindex="-1">${t('sessions')}</h3>
                ${
                  this.#sessions?.length
                    ? html`<ul>${this.#sessions.map((record) => this.#session(record))}</ul>`
                    : html`<p class="muted">${this.#sessions ? t('noSessions') : t('loading')}</p>`
                }
                <form novalidate aria-label=${t('addSession')}
                  @submit=${(event: Event) => (event.preventDefault(), this.#addSession())}>
                  <fieldset>
                    <legend>${t('addSession')}</legend>
                    ${input(this, 'session.title', t('sessionTitle'), session.title, (f, v) => (f.session.title = v))}
                    <div class="row">
                      ${input(this, 'session.date', t('sessionDate'), session.date, (f, v) => (f.session.date = v))}
                      ${input(this, 'session.start', t('from'), session.start, (f, v) => (f.session.start = v))}
                      ${input(
                        this,
                        'session.duration',
                        t('duration'),
                        session.duration,
                        (f, v) => (f.session.duration = v),
                        minutes,
                      )}
                    </div>
                    <div class="row">
                      ${input(this, 'session.zone', t('zone'), session.zone, (f, v) => (f.session.zone = v))}
                      ${input(
                        this,
                        'session.capacity',
                        t('seatsLabel'),
                        session.capacity,
                        (f, v) => (f.session.capacity = v),
                        { ...minutes, hint: t('seatsHint') },
                      )}
                      ${input(this, 'session.weeks', t('weeks'), session.weeks, (f, v) => (f.session.weeks = v), {
                        ...minutes,
                        hint: t('weeksHint'),
                      })}
                    </div>
                    <div><button type="submit" ?disabled=${this.#busy}>${t('addSession')}</button></div>
                  </fieldset>
                </form>
              </section>`
              : nothing
          }
        </div>
        <aside>
          ${
            config
              ? html`<section aria-labelledby="preview-heading">
                  <h3 id="preview-heading">${t('preview')}</h3>
                  ${keyed(
                    this.#previewKey,
                    html`<scheduler-widget part="preview" configuration-id=${config.id} api-url=${this.context.apiUrl}
                      theme=${this.context.theme || 'light'}
                      locale=${this.context.locale}
                        @scheduler-before-book=${(event: Event) => event.preventDefault()}></scheduler-widget>`,
                  )}
                </section>
                <section class="field">
                  <label for="snippet"><strong>${t('embed')}</strong></label>
                  <textarea id="snippet" part="snippet" readonly rows="4"
                    .value=${this.context.snippet(config)}></textarea>
                </section>`
              : html`<p class="hint">${t('groupFirst')}</p>`
          }
        </aside>
      </div>`;
  }
}
