import { html, nothing, type TemplateResult } from 'lit';
import { isGroupSlot } from '../contract/group.js';
import type { AdditionalField, Person } from '../contract/guest.js';
import type { GuestForm } from '../flow/form.js';
import type { StringKey } from '../i18n/index.js';
import { renderNotice, renderSummary } from './common.js';
import type { ViewActions, ViewContext } from './context.js';
import { stepStyles } from './step-styles.js';

export { stepStyles as styles };

/** The English of this step, which the one-file script leaves to its parts. */
export { enLater as english } from '../i18n/en-later.js';

/** Additional fields in display order (`order`, then key), metadata excluded (the host fills it). */
export function visibleFields(fields: Record<string, AdditionalField>): Array<[string, AdditionalField]> {
  return Object.entries(fields)
    .filter(([, field]) => field.type !== 'metadata')
    .sort(([a, x], [b, y]) => (x.order ?? 1e9) - (y.order ?? 1e9) || a.localeCompare(b));
}

const valueOf = (event: Event) => (event.target as HTMLInputElement).value;

/** What a field asks of its value: the same checks for the guest's own fields, guests and every additional field type. */
interface Rule {
  required: boolean;
  email?: boolean;
  pattern?: string;
}

/** Without a pattern of its own, a phone number is digits, spaces and `+ ( ) . -`, at least six. */
const PHONE_PATTERN = String.raw`\+?[0-9 \(\)\.\-]{6,}`;

/** What is wrong with a value (a blank one only when required), or nothing. */
export function problemOf(value: string, { required, email, pattern }: Rule): StringKey | undefined {
  const text = value.trim();
  if (!text) return required ? 'fieldRequired' : undefined;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return 'invalidEmail';
  if (pattern && !matchesPattern(text, pattern)) return 'invalidFormat';
  return undefined;
}

/**
 * The whole value against an HTML `pattern` (a pattern that is not a valid regular expression checks nothing, as in HTML).
 * The browser's engine backtracks: a repeated group (`(a+)+`, `(a|aa)*`) or many repeats can take it
 * minutes on a short value, so such patterns are left to the API, which matches in linear time.
 */
function matchesPattern(text: string, pattern: string): boolean {
  if (/\)[*+{]/.test(pattern) || pattern.split(/[*+]|\{\d*,\}/).length > 4) return true;
  try {
    return new RegExp(`^(?:${pattern})$`, 'v').test(text);
  } catch {
    return true;
  }
}

/**
 * The fields whose problems are shown, per widget (its flow): each after the guest leaves it having
 * typed, all after a submit. Cleared when the guest leaves the form or it is sent.
 */
const shown = new WeakMap<ViewActions, Set<string>>();

/** A field's rule and how to read its value, and the control focused when it is the first wrong one (a group's first option). */
interface Check {
  id: string;
  focus: string;
  read: (form: GuestForm) => string;
  rule: Rule;
}

/** The details step: summary of the chosen time, guest name and email, guests, extra fields. */
export function renderDetails(ctx: ViewContext): TemplateResult {
  const { state, flow, t } = ctx;
  const { form, settings, slot, busy, mode } = state;
  const scheduler = settings!.scheduler;
  const showing = shown.get(flow) ?? new Set<string>();
  shown.set(flow, showing);
  const checks: Check[] = [];
  /** Registers a field's rule and answers how to mark it up: its message, if shown. */
  const rescheduling = mode === 'reschedule';
  const check: Checker = (id, read, rule, focus = id) => {
    // Rescheduling moves the booking only: its details are shown as booked, not checked again.
    if (!rescheduling) checks.push({ id, focus, read, rule });
    // Checked only once shown (left having typed, or submitted), not on every render.
    const problem = showing.has(id) && problemOf(read(form), rule);
    return { id, message: problem ? t(problem) : undefined };
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    // The flow's form now: a value typed in the same task as the submit is not rendered yet.
    const now = flow.state.form;
    const invalid = checks.find(({ read, rule }) => problemOf(read(now), rule));
    if (!invalid) {
      showing.clear();
      void flow.submit();
      return;
    }
    for (const { id } of checks) showing.add(id);
    flow.updateForm({});
    (event.target as HTMLFormElement).querySelector<HTMLElement>(`#${invalid.focus}`)?.focus();
  };
  // Leaving a field the guest typed in shows its problem (an option's problem shows once submitted);
  // a shown problem follows the value as the guest corrects it. The form going away with its focused
  // field (another step is rendering) is no leaving: nothing to show, and no render asked mid-render.
  const left = (event: FocusEvent) => {
    const { id, value, type } = event.target as HTMLInputElement;
    if (flow.state.step === 'details' && value && !showing.has(id) && type !== 'checkbox' && type !== 'radio') {
      showing.add(id);
      flow.updateForm({});
    }
  };
  const back = () => {
    showing.clear();
    flow.back();
  };
  const details = html`<h3>${t('yourDetails')}</h3>
    ${textField(
      check('name', (f) => f.name, { required: true }),
      t('name'),
      form.name,
      true,
      'text',
      (name) => flow.updateForm({ name }),
      t,
      'name',
    )}
    ${textField(
      check('email', (f) => f.email, { required: true, email: true }),
      t('email'),
      form.email,
      true,
      'email',
      (email) => flow.updateForm({ email }),
      t,
      'email',
    )}
    ${scheduler.hide_additional_guests || isGroupSlot(slot) ? nothing : renderGuests(ctx, check)}
    ${visibleFields(scheduler.additional_fields ?? {}).map(([key, field]) => renderField(ctx, key, field, check))}`;
  // Nylas's Notetaker records a meeting of a configuration with `notetaker_settings.enabled`; its
  // element tells the guest before they book (https://developer.nylas.com/docs/v3/scheduler/scheduler-notetaker-integration/).
  const notetaker = scheduler.notetaker_settings as
    { enabled?: boolean; show_ui_consent_message?: boolean; notetaker_name?: string } | undefined;
  return html`${renderSummary(ctx, 2, slot)}
    ${renderNotice(ctx, state.notice)}
    <form part="form" novalidate @submit=${submit} @focusout=${left} aria-busy=${String(busy)}>
      ${rescheduling ? html`<fieldset disabled>${details}</fieldset>` : details}
      ${
        notetaker?.enabled && notetaker.show_ui_consent_message !== false
          ? html`<p part="consent">${t('recordingConsent', { name: notetaker.notetaker_name || 'Nylas Notetaker' })}</p>`
          : nothing
      }
      <div class="actions">
        <button type="button" part="button back-button" @click=${back}>${t('back')}</button>
        <button type="submit" class="primary" part="button submit-button" ?disabled=${busy} aria-disabled=${String(busy)}>
          ${(!busy && !rescheduling && settings!.appearance?.submit_button_label) || t(busy ? (rescheduling ? 'rescheduling' : 'booking') : rescheduling ? 'reschedule' : 'book')}
        </button>
      </div>
    </form>`;
}

type Checker = (id: string, read: (form: GuestForm) => string, rule: Rule, focus?: string) => FieldState;

interface FieldState {
  id: string;
  message: string | undefined;
}

/** The attributes that tie a control to its message. */
const invalidIf = ({ id, message }: FieldState) => ({
  invalid: message ? 'true' : nothing,
  describedBy: message ? `${id}-error` : nothing,
});

function fieldMessage({ id, message }: FieldState): TemplateResult | typeof nothing {
  return message ? html`<p class="field-error" part="field-error" id=${`${id}-error`}>${message}</p>` : nothing;
}

function label(text: string, required: boolean, t: ViewContext['t']) {
  // A no-break space, and as a value: the build's template minifier drops a template's leading white
  // space ("Name*"), and would write an entity as a raw non-ASCII character.
  return html`${text}${required ? html`<span class="req" aria-hidden="true">${'\u00a0*'}</span><span class="sr-only">(${t('required')})</span>` : nothing}`;
}

function textField(
  state: FieldState,
  text: string,
  value: string,
  required: boolean,
  type: string,
  onInput: (value: string) => void,
  t: ViewContext['t'],
  autocomplete = 'off',
): TemplateResult {
  const { id } = state;
  const { invalid, describedBy } = invalidIf(state);
  return html`<div class="field" part="field">
    <label for=${id}>${label(text, required, t)}</label>
    <input
      id=${id}
      name=${id}
      type=${type}
      part="input"
      autocomplete=${autocomplete}
      ?required=${required}
      aria-invalid=${invalid}
      aria-describedby=${describedBy}
      .value=${value}
      @input=${(event: Event) => onInput(valueOf(event))}
    />
    ${fieldMessage(state)}
  </div>`;
}

function renderGuests({ state, flow, t }: ViewContext, check: Checker): TemplateResult {
  const guests = state.form.additionalGuests;
  const setGuests = (change: (current: Person[]) => Person[]) =>
    flow.updateForm((form) => ({ additionalGuests: change(form.additionalGuests) }));
  const change = (index: number, key: 'name' | 'email', value: string) =>
    setGuests((current) => current.map((guest, i) => (i === index ? { ...guest, [key]: value } : guest)));
  return html`<fieldset part="field additional-guests">
    <legend>${t('additionalGuests')}</legend>
    ${guests.map(
      (guest, index) => html`<div class="guest-row">
        ${textField(
          check(`guest-name-${index}`, (f) => f.additionalGuests[index]?.name ?? '', { required: false }),
          t('guestName', { number: index + 1 }),
          guest.name,
          false,
          'text',
          (v) => change(index, 'name', v),
          t,
        )}
        ${textField(
          check(`guest-email-${index}`, (f) => f.additionalGuests[index]?.email ?? '', { required: true, email: true }),
          t('guestEmail', { number: index + 1 }),
          guest.email,
          true,
          'email',
          (v) => change(index, 'email', v),
          t,
        )}
        <button type="button" part="button" @click=${() => setGuests((current) => current.filter((_, i) => i !== index))}>
          ${t('removeGuest', { number: index + 1 })}
        </button>
      </div>`,
    )}
    <div><button type="button" part="button add-guest" @click=${() => setGuests((current) => [...current, { name: '', email: '' }])}>${t('addGuest')}</button></div>
  </fieldset>`;
}

const INPUT_TYPES: Partial<Record<AdditionalField['type'], string>> = {
  text: 'text',
  email: 'email',
  phone_number: 'tel',
  date: 'date',
};

function renderField(
  { state, flow, t }: ViewContext,
  key: string,
  field: AdditionalField,
  check: Checker,
): TemplateResult {
  const id = `field-${key}`;
  // Own values only: a field keyed "toString" or "constructor" must not read Object.prototype's.
  const read = (form: GuestForm) => (Object.hasOwn(form.fields, key) && form.fields[key]) || '';
  const value = read(state.form);
  const set = (v: string) => flow.updateForm((form) => ({ fields: { ...form.fields, [key]: v } }));
  const inputType = INPUT_TYPES[field.type];
  const { required } = field;
  if (inputType) {
    const rule = {
      required,
      email: inputType === 'email',
      pattern: field.pattern ?? (inputType === 'tel' ? PHONE_PATTERN : undefined),
    };
    return textField(
      check(id, read, rule),
      field.label,
      value,
      required,
      inputType,
      set,
      t,
      inputType === 'tel' ? 'tel' : 'off',
    );
  }
  if (field.type === 'radio_button' || field.type === 'multi_select') {
    const radio = field.type === 'radio_button';
    const chosen = value.split(',');
    return choices(
      check(id, read, { required }, `${id}-0`),
      key,
      field,
      t,
      radio ? 'radio' : 'checkbox',
      (option) => (radio ? option === value : chosen.includes(option)),
      (option, on) =>
        set(radio ? option : (field.options ?? []).filter((o) => (o === option ? on : chosen.includes(o))).join(',')),
    );
  }
  const checked = value === 'true';
  // An unchecked checkbox is 'false' (or nothing): no value.
  const fieldState = check(id, (form) => (field.type === 'checkbox' && read(form) !== 'true' ? '' : read(form)), {
    required,
  });
  const { invalid, describedBy } = invalidIf(fieldState);
  switch (field.type) {
    case 'multi_line_text':
      return html`<div class="field" part="field">
        <label for=${id}>${label(field.label, required, t)}</label>
        <textarea id=${id} name=${key} part="input" ?required=${required} aria-invalid=${invalid} aria-describedby=${describedBy} .value=${value} @input=${(e: Event) => set(valueOf(e))}></textarea>
        ${fieldMessage(fieldState)}
      </div>`;
    case 'dropdown':
      return html`<div class="field" part="field">
        <label for=${id}>${label(field.label, required, t)}</label>
        <select id=${id} name=${key} part="input" ?required=${required} aria-invalid=${invalid} aria-describedby=${describedBy} @change=${(e: Event) => set(valueOf(e))}>
          <option value="" ?selected=${!value}>${t('chooseOption')}</option>
          ${(field.options ?? []).map((option) => html`<option .value=${option} ?selected=${option === value}>${option}</option>`)}
        </select>
        ${fieldMessage(fieldState)}
      </div>`;
    case 'checkbox':
      return html`<div class="field" part="field">
        <div class="check">
          <input
            id=${id}
            name=${key}
            type="checkbox"
            ?required=${required}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            .checked=${checked}
            @change=${(e: Event) => set(String((e.target as HTMLInputElement).checked))}
          />
          <label for=${id}>${label(field.label, required, t)}</label>
        </div>
        ${fieldMessage(fieldState)}
      </div>`;
    default:
      return html``;
  }
}

/** A fieldset of one radio button or checkbox per option (`radio_button`, `multi_select`). */
function choices(
  state: FieldState,
  key: string,
  field: AdditionalField,
  t: ViewContext['t'],
  type: 'radio' | 'checkbox',
  isChecked: (option: string) => boolean,
  choose: (option: string, on: boolean) => void,
): TemplateResult {
  const options = field.options ?? [];
  const { id } = state;
  const { invalid, describedBy } = invalidIf(state);
  return html`<fieldset part="field">
    <legend>${label(field.label, field.required, t)}</legend>
    ${options.map(
      (option, index) => html`<div class="check">
        <input
          id=${`${id}-${index}`}
          type=${type}
          name=${key}
          .value=${option}
          ?required=${field.required && (type === 'radio' || !options.some(isChecked))}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
          .checked=${isChecked(option)}
          @change=${(e: Event) => choose(option, (e.target as HTMLInputElement).checked)}
        />
        <label for=${`${id}-${index}`}>${option}</label>
      </div>`,
    )}
    ${fieldMessage(state)}
  </fieldset>`;
}
