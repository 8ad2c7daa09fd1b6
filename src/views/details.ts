import { html, nothing, type TemplateResult } from 'lit';
import { isGroupSlot } from '../contract/group.js';
import type { AdditionalField, Person } from '../contract/guest.js';
import { renderNotice, renderSummary } from './common.js';
import type { ViewContext } from './context.js';

/** The English of this step, which the one-file script leaves to its parts. */
export { enLater as english } from '../i18n/en.js';

/** Additional fields in display order (`order`, then key), metadata excluded (the host fills it). */
export function visibleFields(fields: Record<string, AdditionalField>): Array<[string, AdditionalField]> {
  return Object.entries(fields)
    .filter(([, field]) => field.type !== 'metadata')
    .sort(([a, x], [b, y]) => (x.order ?? 1e9) - (y.order ?? 1e9) || a.localeCompare(b));
}

const valueOf = (event: Event) => (event.target as HTMLInputElement).value;

/** The details step: summary of the chosen time, guest name and email, guests, extra fields. */
export function renderDetails(ctx: ViewContext): TemplateResult {
  const { state, flow, t } = ctx;
  const { form, settings, slot, busy, mode } = state;
  const scheduler = settings!.scheduler;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if ((event.target as HTMLFormElement).reportValidity()) void flow.submit();
  };
  const rescheduling = mode === 'reschedule';
  return html`${renderSummary(ctx, 2, slot)}
    ${renderNotice(ctx, state.notice)}
    <form part="form" @submit=${submit} aria-busy=${String(busy)}>
      ${rescheduling
        ? nothing
        : html`<h3>${t('yourDetails')}</h3>
            ${textField('name', t('name'), form.name, true, 'text', (name) => flow.updateForm({ name }), t, 'name')}
            ${textField('email', t('email'), form.email, true, 'email', (email) => flow.updateForm({ email }), t, 'email')}
            ${scheduler.hide_additional_guests || isGroupSlot(slot) ? nothing : renderGuests(ctx)}
            ${visibleFields(scheduler.additional_fields).map(([key, field]) => renderField(ctx, key, field))}`}
      <div class="actions">
        <button type="button" part="button back-button" @click=${() => flow.back()}>${t('back')}</button>
        <button type="submit" class="primary" part="button submit-button" ?disabled=${busy} aria-disabled=${String(busy)}>
          ${(!busy && !rescheduling && settings!.appearance.submit_button_label) || t(busy ? (rescheduling ? 'rescheduling' : 'booking') : rescheduling ? 'reschedule' : 'book')}
        </button>
      </div>
    </form>`;
}

function label(text: string, required: boolean, t: ViewContext['t']) {
  return html`${text}${required ? html` <span class="req" aria-hidden="true">*</span><span class="sr-only">(${t('required')})</span>` : nothing}`;
}

function textField(
  id: string,
  text: string,
  value: string,
  required: boolean,
  type: string,
  onInput: (value: string) => void,
  t: ViewContext['t'],
  autocomplete = 'off',
  pattern?: string,
): TemplateResult {
  return html`<div class="field" part="field">
    <label for=${id}>${label(text, required, t)}</label>
    <input
      id=${id}
      name=${id}
      type=${type}
      part="input"
      autocomplete=${autocomplete}
      ?required=${required}
      pattern=${pattern ?? nothing}
      .value=${value}
      @input=${(event: Event) => onInput(valueOf(event))}
    />
  </div>`;
}

function renderGuests({ state, flow, t }: ViewContext): TemplateResult {
  const guests = state.form.additionalGuests;
  const setGuests = (change: (current: Person[]) => Person[]) =>
    flow.updateForm((form) => ({ additionalGuests: change(form.additionalGuests) }));
  const change = (index: number, key: 'name' | 'email', value: string) =>
    setGuests((current) => current.map((guest, i) => (i === index ? { ...guest, [key]: value } : guest)));
  return html`<fieldset part="field additional-guests">
    <legend>${t('additionalGuests')}</legend>
    ${guests.map(
      (guest, index) => html`<div class="guest-row">
        ${textField(`guest-name-${index}`, t('guestName', { number: index + 1 }), guest.name, false, 'text', (v) => change(index, 'name', v), t)}
        ${textField(`guest-email-${index}`, t('guestEmail', { number: index + 1 }), guest.email, true, 'email', (v) => change(index, 'email', v), t)}
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

function renderField({ state, flow, t }: ViewContext, key: string, field: AdditionalField): TemplateResult {
  const id = `field-${key}`;
  const value = state.form.fields[key] ?? '';
  const set = (v: string) => flow.updateForm((form) => ({ fields: { ...form.fields, [key]: v } }));
  const inputType = INPUT_TYPES[field.type];
  if (inputType) {
    return textField(id, field.label, value, field.required, inputType, set, t, inputType === 'tel' ? 'tel' : 'off', field.pattern);
  }
  switch (field.type) {
    case 'multi_line_text':
      return html`<div class="field" part="field">
        <label for=${id}>${label(field.label, field.required, t)}</label>
        <textarea id=${id} name=${key} part="input" ?required=${field.required} .value=${value} @input=${(e: Event) => set(valueOf(e))}></textarea>
      </div>`;
    case 'dropdown':
      return html`<div class="field" part="field">
        <label for=${id}>${label(field.label, field.required, t)}</label>
        <select id=${id} name=${key} part="input" ?required=${field.required} @change=${(e: Event) => set(valueOf(e))}>
          <option value="" ?selected=${!value}>${t('chooseOption')}</option>
          ${(field.options ?? []).map((option) => html`<option .value=${option} ?selected=${option === value}>${option}</option>`)}
        </select>
      </div>`;
    case 'checkbox':
      return html`<div class="field check" part="field">
        <input
          id=${id}
          name=${key}
          type="checkbox"
          ?required=${field.required}
          .checked=${value === 'true'}
          @change=${(e: Event) => set(String((e.target as HTMLInputElement).checked))}
        />
        <label for=${id}>${label(field.label, field.required, t)}</label>
      </div>`;
    case 'radio_button':
      return choices(key, id, field, t, 'radio', (option) => option === value, (option) => set(option));
    case 'multi_select': {
      const chosen = value.split(',');
      return choices(key, id, field, t, 'checkbox', (option) => chosen.includes(option), (option, on) =>
        set((field.options ?? []).filter((o) => (o === option ? on : chosen.includes(o))).join(',')),
      );
    }
    default:
      return html``;
  }
}

/** A fieldset of one radio button or checkbox per option (`radio_button`, `multi_select`). */
function choices(
  key: string,
  id: string,
  field: AdditionalField,
  t: ViewContext['t'],
  type: 'radio' | 'checkbox',
  isChecked: (option: string) => boolean,
  choose: (option: string, on: boolean) => void,
): TemplateResult {
  const options = field.options ?? [];
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
          .checked=${isChecked(option)}
          @change=${(e: Event) => choose(option, (e.target as HTMLInputElement).checked)}
        />
        <label for=${`${id}-${index}`}>${option}</label>
      </div>`,
    )}
  </fieldset>`;
}
