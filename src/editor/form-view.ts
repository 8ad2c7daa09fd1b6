import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Fields, FormContext } from './context.js';
import { renderNotice } from './notice.js';
import { FIELD_TYPES, METHODS, WEEK_ORDER, WITH_OPTIONS, type FieldRow } from './model.js';
import type { EditorStringKey } from './strings.js';

interface InputOptions {
  hint?: string;
  multiline?: boolean;
  label?: string;
  inputmode?: 'numeric' | 'url' | 'email';
  list?: string;
  /** Shown as an accessible name only (the row's column heading shows it). */
  hiddenLabel?: boolean;
}

const valueOf = (event: Event) => (event.target as HTMLInputElement).value;

/** Focuses a control by id once the change that adds it has rendered. */
export function focusLater(event: Event, id: string): void {
  // Read now: once the event is dispatched, its target is retargeted to the host.
  const root = (event.target as Element).getRootNode() as ShadowRoot;
  setTimeout(() => root.getElementById(id)?.focus());
}

/** A labelled control with its hint and its problem under it, tied by `aria-describedby`. */
export function input<F>(
  ctx: Fields<F>,
  id: string,
  label: string,
  value: string,
  set: (form: F, value: string) => void,
  options: InputOptions = {},
): TemplateResult {
  const problem = ctx.problems[id];
  const described = [options.hint && `${id}-hint`, problem && `${id}-error`].filter(Boolean).join(' ');
  const attributes = {
    id,
    invalid: problem ? 'true' : 'false',
    described: described || undefined,
  };
  const onInput = (event: Event) => ctx.change((form) => set(form, valueOf(event)));
  return html`<div class="field">
    ${options.hiddenLabel ? nothing : html`<label for=${id}>${label}</label>`}
    ${
      options.multiline
        ? html`<textarea id=${attributes.id} rows="3" .value=${value} aria-invalid=${attributes.invalid}
          aria-describedby=${ifDefined(attributes.described)} @input=${onInput}></textarea>`
        : html`<input id=${attributes.id} type="text" .value=${value}
          aria-label=${ifDefined(options.hiddenLabel ? label : undefined)}
          inputmode=${ifDefined(options.inputmode)} list=${ifDefined(options.list)} autocomplete="off"
          aria-invalid=${attributes.invalid} aria-describedby=${ifDefined(attributes.described)} @input=${onInput} />`
    }
    ${options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : nothing}
    ${problemLine(ctx, id)}
  </div>`;
}

export function problemLine<F>(ctx: Fields<F>, id: string) {
  const problem = ctx.problems[id];
  return problem ? html`<span class="error" id="${id}-error">${ctx.t(problem[0], problem[1])}</span>` : nothing;
}

export function checkbox<F>(
  ctx: Fields<F>,
  id: string,
  label: string,
  checked: boolean,
  set: (form: F, checked: boolean) => void,
) {
  return html`<label class="check"><input type="checkbox" id=${id} .checked=${checked}
    @change=${(event: Event) =>
      ctx.change((form) => set(form, (event.target as HTMLInputElement).checked))} />${label}</label>`;
}

export function select<F, T extends string>(
  ctx: Fields<F>,
  id: string,
  label: string,
  value: T,
  choices: Array<[T, string]>,
  set: (form: F, value: T) => void,
) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} @change=${(event: Event) => ctx.change((form) => set(form, valueOf(event) as T))}>
      ${choices.map(([choice, text]) => html`<option value=${choice} ?selected=${choice === value}>${text}</option>`)}
    </select>
  </div>`;
}

export const minutes = { inputmode: 'numeric' } as const;

function eventSection(ctx: FormContext) {
  const { t, form } = ctx;
  return html`<fieldset>
    <legend>${t('event')}</legend>
    ${input(ctx, 'title', t('title'), form.title, (f, v) => (f.title = v))}
    ${input(ctx, 'name', t('name'), form.name, (f, v) => (f.name = v))}
    ${input(ctx, 'description', t('description'), form.description, (f, v) => (f.description = v), { multiline: true })}
    ${input(ctx, 'location', t('location'), form.location, (f, v) => (f.location = v))}
    <div class="row">
      ${input(ctx, 'duration', t('duration'), form.duration, (f, v) => (f.duration = v), minutes)}
      ${input(ctx, 'interval', t('interval'), form.interval, (f, v) => (f.interval = v), {
        ...minutes,
        hint: t('intervalHint'),
      })}
    </div>
    ${select(
      ctx,
      'bookingType',
      t('bookingType'),
      form.bookingType,
      [
        ['booking', t('bookingInstant')],
        ['organizer-confirmation', t('bookingConfirm')],
      ],
      (f, v) => (f.bookingType = v),
    )}
  </fieldset>`;
}

function hostsSection(ctx: FormContext) {
  const { t, form } = ctx;
  return html`<fieldset>
    <legend>${t('hosts')}</legend>
    ${select(
      ctx,
      'method',
      t('method'),
      form.method,
      METHODS.map((method) => [method, t(method)]),
      (f, v) => (f.method = v),
    )}
    ${form.hosts.map(
      (host, i) => html`<div class="row">
        ${input(ctx, `hosts.${i}.name`, `${t('hostName')} ${i + 1}`, host.name, (f, v) => (f.hosts[i]!.name = v))}
        ${input(ctx, `hosts.${i}.email`, `${t('hostEmail')} ${i + 1}`, host.email, (f, v) => (f.hosts[i]!.email = v), {
          inputmode: 'email',
        })}
        ${checkbox(ctx, `hosts.${i}.organizer`, t('organizer'), host.organizer, (f, checked) => {
          f.hosts.forEach((other, j) => (other.organizer = j === i ? checked : checked ? false : other.organizer));
        })}
        <button type="button" aria-label=${t('removeHost', { n: i + 1 })}
          @click=${() => ctx.change((f) => f.hosts.splice(i, 1))}>×</button>
      </div>`,
    )}
    ${problemLine(ctx, 'hosts')} ${problemLine(ctx, 'organizer')}
    <div>
      <button type="button" @click=${(event: Event) => {
        ctx.change((f) => f.hosts.push({ name: '', email: '', organizer: f.hosts.length === 0 }));
        focusLater(event, `hosts.${form.hosts.length}.name`);
      }}>${t('addHost')}</button>
    </div>
    ${
      ctx.calendars.length
        ? html`<fieldset class="sub">
          <legend>${t('calendars')}</legend>
          <span class="hint">${t('calendarsHint')}</span>
          ${ctx.calendars.map((calendar) =>
            checkbox(
              ctx,
              `calendar-${calendar.id}`,
              calendar.read_only
                ? t('readOnlyCalendar', { name: calendar.name || calendar.id })
                : calendar.name || calendar.id,
              form.calendars.includes(calendar.id),
              (f, checked) => {
                const others = f.calendars.filter((id) => id !== calendar.id);
                const readOnly = (id: string) => ctx.calendars.some((known) => known.id === id && known.read_only);
                // A read-only calendar (an ICS feed) only blocks time: writable ones stay first, to take the bookings.
                const chosen = checked ? [...others, calendar.id] : others;
                f.calendars = [...chosen.filter((id) => !readOnly(id)), ...chosen.filter(readOnly)];
              },
            ),
          )}
        </fieldset>`
        : nothing
    }
  </fieldset>`;
}

function hoursSection(ctx: FormContext) {
  const { t, form } = ctx;
  const dayName = (day: number) =>
    new Intl.DateTimeFormat(ctx.locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 7 + day));
  return html`<fieldset>
    <legend>${t('hours')}</legend>
    ${input(ctx, 'zone', t('zone'), form.zone, (f, v) => (f.zone = v), { list: 'zones' })}
    <datalist id="zones">
      ${Intl.supportedValuesOf('timeZone').map((zone) => html`<option value=${zone}></option>`)}
    </datalist>
    <div role="group" aria-labelledby="week-label" aria-describedby=${ifDefined(
      ctx.problems.week ? 'week-error' : undefined,
    )}>
      <div class="day muted" id="week-label" aria-hidden="true">
        <span></span><span>${t('from')}</span><span>${t('to')}</span>
      </div>
      ${WEEK_ORDER.map((day) => {
        const row = form.week[day]!;
        const name = dayName(day);
        return html`<div class="day">
            ${checkbox(ctx, `week.${day}.on`, name, row.on, (f, checked) => (f.week[day]!.on = checked))}
            ${
              row.on
                ? html`${input(
                    ctx,
                    `week.${day}.start`,
                    `${name} ${t('from')}`,
                    row.start,
                    (f, v) => (f.week[day]!.start = v),
                    { hiddenLabel: true },
                  )}
                ${input(ctx, `week.${day}.end`, `${name} ${t('to')}`, row.end, (f, v) => (f.week[day]!.end = v), {
                  hiddenLabel: true,
                })}`
                : nothing
            }
          </div>`;
      })}
      ${problemLine(ctx, 'week')}
    </div>
    <fieldset class="sub">
      <legend>${t('daysOff')}</legend>
      ${form.daysOff.map(
        (date, i) => html`<div class="row">
          ${input(ctx, `daysOff.${i}`, t('dayOff', { n: i + 1 }), date, (f, v) => (f.daysOff[i] = v))}
          <button type="button" aria-label=${t('removeDayOff', { n: i + 1 })}
            @click=${() => ctx.change((f) => f.daysOff.splice(i, 1))}>×</button>
        </div>`,
      )}
      <div><button type="button" @click=${(event: Event) => {
        ctx.change((f) => f.daysOff.push(''));
        focusLater(event, `daysOff.${form.daysOff.length}`);
      }}>${t('addDayOff')}</button></div>
    </fieldset>
    <fieldset class="sub">
      <legend>${t('overrides')}</legend>
      ${form.overrides.map(
        (row, i) => html`<div class="row">
            ${input(
              ctx,
              `overrides.${i}.date`,
              t('overrideDate', { n: i + 1 }),
              row.date,
              (f, v) => (f.overrides[i]!.date = v),
            )}
            ${input(
              ctx,
              `overrides.${i}.start`,
              `${t('overrideDate', { n: i + 1 })}: ${t('from')}`,
              row.start,
              (f, v) => (f.overrides[i]!.start = v),
            )}
            ${input(
              ctx,
              `overrides.${i}.end`,
              `${t('overrideDate', { n: i + 1 })}: ${t('to')}`,
              row.end,
              (f, v) => (f.overrides[i]!.end = v),
            )}
            <button type="button" aria-label=${t('removeOverride', { n: i + 1 })}
              @click=${() => ctx.change((f) => f.overrides.splice(i, 1))}>×</button>
          </div>`,
      )}
      <div><button type="button" @click=${(event: Event) => {
        ctx.change((f) => f.overrides.push({ date: '', start: '9:00', end: '17:00' }));
        focusLater(event, `overrides.${form.overrides.length}.date`);
      }}>${t('addOverride')}</button></div>
    </fieldset>
  </fieldset>`;
}

function limitsSection(ctx: FormContext) {
  const { t, form } = ctx;
  return html`<fieldset>
    <legend>${t('rules')}</legend>
    <div class="row">
      ${input(ctx, 'bufferBefore', t('bufferBefore'), form.bufferBefore, (f, v) => (f.bufferBefore = v), minutes)}
      ${input(ctx, 'bufferAfter', t('bufferAfter'), form.bufferAfter, (f, v) => (f.bufferAfter = v), minutes)}
    </div>
    <div class="row">
      ${input(ctx, 'notice', t('notice'), form.notice, (f, v) => (f.notice = v), minutes)}
      ${input(ctx, 'daysAhead', t('daysAhead'), form.daysAhead, (f, v) => (f.daysAhead = v), minutes)}
      ${input(ctx, 'cancelNotice', t('cancelNotice'), form.cancelNotice, (f, v) => (f.cancelNotice = v), minutes)}
    </div>
  </fieldset>`;
}

function fieldRow(ctx: FormContext, field: FieldRow, i: number) {
  const { t } = ctx;
  const n = i + 1;
  const id = (part: string) => `fields.${i}.${part}`;
  const textual = !['checkbox', 'dropdown', 'radio_button', 'multi_select', 'date'].includes(field.type);
  return html`<fieldset class="sub">
    <legend>${t('fieldNumber', { n })}</legend>
    <div class="row">
      ${input(ctx, id('label'), t('fieldLabel'), field.label, (f, v) => (f.fields[i]!.label = v))}
      ${input(ctx, id('key'), t('fieldKey'), field.key, (f, v) => (f.fields[i]!.key = v))}
      ${select(
        ctx,
        id('type'),
        t('fieldType'),
        field.type,
        FIELD_TYPES.map((type) => [type, t(type as EditorStringKey)]),
        (f, v) => (f.fields[i]!.type = v),
      )}
      ${checkbox(
        ctx,
        id('required'),
        t('fieldRequired'),
        field.required,
        (f, checked) => (f.fields[i]!.required = checked),
      )}
    </div>
    ${
      WITH_OPTIONS.includes(field.type)
        ? input(ctx, id('options'), t('fieldOptions'), field.options, (f, v) => (f.fields[i]!.options = v), {
            multiline: true,
          })
        : nothing
    }
    ${
      textual
        ? input(ctx, id('pattern'), t('fieldPattern'), field.pattern, (f, v) => (f.fields[i]!.pattern = v))
        : nothing
    }
    ${input(ctx, id('default'), t('fieldDefault'), field.default, (f, v) => (f.fields[i]!.default = v))}
    <div class="actions">
      ${
        i > 0
          ? html`<button type="button" aria-label=${t('moveUp', { n })}
            @click=${() => ctx.change((f) => f.fields.splice(i - 1, 0, ...f.fields.splice(i, 1)))}>↑</button>`
          : nothing
      }
      <button type="button" class="danger" aria-label=${t('removeField', { n })}
        @click=${() => ctx.change((f) => f.fields.splice(i, 1))}>×</button>
    </div>
  </fieldset>`;
}

function formSection(ctx: FormContext) {
  const { t, form } = ctx;
  return html`<fieldset>
    <legend>${t('form')}</legend>
    <span class="hint">${t('formHint')}</span>
    ${form.fields.map((field, i) => fieldRow(ctx, field, i))}
    <div><button type="button" @click=${(event: Event) => {
      ctx.change((f) =>
        f.fields.push({
          key: `field_${f.fields.length + 1}`,
          label: '',
          type: 'text',
          required: false,
          options: '',
          pattern: '',
          default: '',
        }),
      );
      focusLater(event, `fields.${form.fields.length}.label`);
    }}>${t('addField')}</button></div>
  </fieldset>`;
}

function linksSection(ctx: FormContext) {
  const { t, form } = ctx;
  const url = { inputmode: 'url' } as const;
  return html`<fieldset>
    <legend>${t('links')}</legend>
    <span class="hint">${t('linksHint')}</span>
    ${input(ctx, 'redirectUrl', t('redirectUrl'), form.redirectUrl, (f, v) => (f.redirectUrl = v), url)}
    ${input(ctx, 'reschedulingUrl', t('reschedulingUrl'), form.reschedulingUrl, (f, v) => (f.reschedulingUrl = v), url)}
    ${input(ctx, 'cancellationUrl', t('cancellationUrl'), form.cancellationUrl, (f, v) => (f.cancellationUrl = v), url)}
    ${input(ctx, 'confirmationUrl', t('confirmationUrl'), form.confirmationUrl, (f, v) => (f.confirmationUrl = v), url)}
    ${input(
      ctx,
      'cancellationPolicy',
      t('cancellationPolicy'),
      form.cancellationPolicy,
      (f, v) => (f.cancellationPolicy = v),
      { multiline: true },
    )}
    ${checkbox(
      ctx,
      'hideReschedule',
      t('hideReschedule'),
      form.hideReschedule,
      (f, checked) => (f.hideReschedule = checked),
    )}
    ${checkbox(ctx, 'hideCancel', t('hideCancel'), form.hideCancel, (f, checked) => (f.hideCancel = checked))}
    ${checkbox(ctx, 'hideGuests', t('hideGuests'), form.hideGuests, (f, checked) => (f.hideGuests = checked))}
  </fieldset>`;
}

function emailsSection(ctx: FormContext) {
  const { t, form } = ctx;
  return html`<fieldset>
    <legend>${t('emails')}</legend>
    ${checkbox(
      ctx,
      'disableEmails',
      t('disableEmails'),
      form.disableEmails,
      (f, checked) => (f.disableEmails = checked),
    )}
    ${form.reminders.map((row, i) => {
      const n = i + 1;
      const id = (part: string) => `reminders.${i}.${part}`;
      return html`<fieldset class="sub">
        <legend>${t('reminder', { n })}</legend>
        <div class="row">
          ${input(
            ctx,
            id('minutes'),
            t('reminderMinutes'),
            row.minutes,
            (f, v) => (f.reminders[i]!.minutes = v),
            minutes,
          )}
          ${select(
            ctx,
            id('type'),
            t('reminderType'),
            row.type,
            [
              ['email', t('byEmail')],
              ['webhook', t('byWebhook')],
            ],
            (f, v) => (f.reminders[i]!.type = v),
          )}
          ${select(
            ctx,
            id('recipient'),
            t('reminderRecipient'),
            row.recipient,
            [
              ['all', t('toAll')],
              ['host', t('toHost')],
              ['guest', t('toGuest')],
            ],
            (f, v) => (f.reminders[i]!.recipient = v),
          )}
          ${input(ctx, id('subject'), t('reminderSubject'), row.subject, (f, v) => (f.reminders[i]!.subject = v))}
          <button type="button" aria-label=${t('removeReminder', { n })}
            @click=${() => ctx.change((f) => f.reminders.splice(i, 1))}>×</button>
        </div>
      </fieldset>`;
    })}
    <div><button type="button" @click=${(event: Event) => {
      ctx.change((f) => f.reminders.push({ type: 'email', minutes: '60', recipient: 'all', subject: '' }));
      focusLater(event, `reminders.${form.reminders.length}.minutes`);
    }}>${t('addReminder')}</button></div>
    ${input(ctx, 'emailLogo', t('emailLogo'), form.emailLogo, (f, v) => (f.emailLogo = v), { inputmode: 'url' })}
    ${input(ctx, 'confirmedTitle', t('confirmedTitle'), form.confirmedTitle, (f, v) => (f.confirmedTitle = v))}
    ${input(ctx, 'confirmedBody', t('confirmedBody'), form.confirmedBody, (f, v) => (f.confirmedBody = v), {
      multiline: true,
    })}
  </fieldset>`;
}

function appearanceSection(ctx: FormContext) {
  const { t, form } = ctx;
  return html`<fieldset>
    <legend>${t('appearance')}</legend>
    <div class="row">
      ${input(ctx, 'color', t('color'), form.color, (f, v) => (f.color = v))}
      ${input(ctx, 'logoUrl', t('logoUrl'), form.logoUrl, (f, v) => (f.logoUrl = v), { inputmode: 'url' })}
      ${input(ctx, 'companyName', t('companyName'), form.companyName, (f, v) => (f.companyName = v))}
    </div>
    <div class="row">
      ${input(ctx, 'submitLabel', t('submitLabel'), form.submitLabel, (f, v) => (f.submitLabel = v))}
      ${input(ctx, 'thankYou', t('thankYou'), form.thankYou, (f, v) => (f.thankYou = v))}
      ${input(ctx, 'slug', t('slug'), form.slug, (f, v) => (f.slug = v))}
    </div>
    ${checkbox(ctx, 'private', t('private'), form.private, (f, checked) => (f.private = checked))}
  </fieldset>`;
}

function preview(ctx: FormContext) {
  const { t } = ctx;
  const { configurationId, apiUrl, key, theme, locale, state } = ctx.preview;
  return html`<section aria-labelledby="preview-heading">
      <h3 id="preview-heading">${t('preview')}</h3>
      <p class="hint">${
        state === 'invalid' ? t('previewInvalid') : configurationId ? t('previewHint') : t('previewOff')
      }</p>
      ${
        configurationId
          ? keyed(
              key,
              html`<scheduler-widget part="preview" configuration-id=${configurationId} api-url=${apiUrl}
                theme=${theme || 'light'} locale=${locale}
              @scheduler-before-book=${(event: Event) => event.preventDefault()}></scheduler-widget>`,
            )
          : nothing
      }
    </section>
    ${
      ctx.snippet
        ? html`<section class="field">
          <label for="snippet"><strong>${t('embed')}</strong></label>
          <textarea id="snippet" part="snippet" readonly rows="4" .value=${ctx.snippet}></textarea>
          <div><button type="button"
            @click=${(event: Event) => copy(event, ctx.snippet, t('copied'))}>${t('copy')}</button></div>
        </section>`
        : nothing
    }`;
}

function copy(event: Event, text: string, done: string) {
  const button = event.currentTarget as HTMLButtonElement;
  const area = (button.getRootNode() as ShadowRoot).getElementById('snippet') as HTMLTextAreaElement;
  area.select();
  void navigator.clipboard?.writeText(text).then(
    () => (button.textContent = done),
    () => {},
  );
}

/** The form beside its preview. */
export function renderForm(ctx: FormContext): TemplateResult {
  const { t } = ctx;
  const title = ctx.form.title || ctx.form.name || t('newConfiguration');
  return html`<h2 tabindex="-1">${title}</h2>
    ${renderNotice(ctx.notice)}
    ${
      ctx.conflict
        ? html`<div class="actions">
          <button type="button" @click=${() => ctx.save(true)}>${t('overwrite')}</button>
          <button type="button" @click=${ctx.reloadTheirs}>${t('reloadTheirs')}</button>
        </div>`
        : nothing
    }
    <div class="editor">
      <form novalidate aria-label=${title} @submit=${(event: Event) => {
        event.preventDefault();
        ctx.save();
      }}>
        ${eventSection(ctx)} ${hostsSection(ctx)} ${hoursSection(ctx)} ${limitsSection(ctx)} ${formSection(ctx)}
        ${linksSection(ctx)} ${emailsSection(ctx)}
        ${appearanceSection(ctx)}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${ctx.saving}>${ctx.saving ? t('saving') : t('save')}</button>
          <button type="button" @click=${ctx.back}>${t('back')}</button>
        </div>
      </form>
      <aside>${preview(ctx)}</aside>
    </div>`;
}
