import { html, LitElement, nothing, type PropertyDeclaration, type PropertyValues } from 'lit';
import { ApiError } from '../api/errors.js';
import { DEFAULT_API_URL } from '../api/client.js';
import type { Calendar, Configuration, ConfigurationInput, GroupConfiguration } from '../contract/admin.js';
import { AdminClient, isGroup, type EditorRequest } from './admin.js';
import type { BookingsContext, FormContext, Notice } from './context.js';
import {
  blankConfiguration,
  fieldOfMessage,
  toConfiguration,
  toForm,
  validate,
  type EditorForm,
  type Problems,
} from './model.js';
import { editorTranslator, type EditorStrings, type EditorTranslate } from './strings.js';
import { editorStyles } from './styles.js';
import { noticeOf, renderNotice } from './notice.js';

/** The views loaded after the list: the form (with the widget for its preview) and the bookings. */
const loadForm = () => import('./form-view.js');
const loadBookings = () => import('./bookings-view.js');
const loadGroup = () => import('./group-view.js');
const loadWidget = () => import('../define.js');

/** The mark of a preview's draft configuration in `appearance`: the list hides them. */
export const DRAFT_MARK = 'scheduler_editor_preview';
const PREVIEW_DELAY_MS = 600;

/** Keys in one order at every depth, so that two answers compare by their content. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([key, item]) => [key, canonical(item)]),
        )
      : value;
const sameContent = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
const withoutId = ({ id: _id, ...body }: Configuration): ConfigurationInput => body;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

type View = 'list' | 'edit' | 'group' | 'bookings';
type ReactiveField =
  'apiUrl' | 'accessToken' | 'grantId' | 'request' | 'locale' | 'theme' | 'localization' | 'widgetScript';

interface Editing {
  /** The form as opened or last saved: a different form has unsaved changes. */
  opened: string;
  /** The saved configuration, as last read or written (none while new). */
  saved: Configuration | null;
  /** What the form started from: fields the form does not show are kept from it. */
  base: ConfigurationInput;
  form: EditorForm;
  problems: Problems;
  showProblems: boolean;
  saving: boolean;
  notice: Notice | null;
  conflict: boolean;
}

/**
 * `<scheduler-editor>`: the organizer's side of a Scheduler API (Nylas v3 compatible). Lists,
 * creates, edits, duplicates and deletes a grant's configurations, with a live
 * `<scheduler-widget>` preview of unsaved changes and the snippet to embed; lists the grant's
 * bookings to confirm, decline or cancel.
 *
 * @tag scheduler-editor
 * @fires {CustomEvent<Configuration>} scheduler-editor-saved - a configuration was created or updated.
 * @fires {CustomEvent<{ id: string }>} scheduler-editor-deleted - a configuration was deleted.
 * @csspart base - the editor's root box (carries `lang` and `dir`).
 * @csspart list - the list of configurations.
 * @csspart preview - the `<scheduler-widget>` previewing the form.
 * @csspart snippet - the embed snippet.
 * @csspart booking - one booking of the bookings list.
 *
 * The widget's custom properties, with the same defaults (`src/styles/styles.ts`):
 * @cssproperty --scheduler-accent - accent: primary buttons, the current tab.
 * @cssproperty --scheduler-on-accent - text on the accent.
 * @cssproperty --scheduler-text - text.
 * @cssproperty --scheduler-muted - secondary text.
 * @cssproperty --scheduler-background - background.
 * @cssproperty --scheduler-surface - buttons.
 * @cssproperty --scheduler-border - borders.
 * @cssproperty --scheduler-danger - problems and deleting.
 * @cssproperty --scheduler-radius - corner radius.
 * @cssproperty --scheduler-space - spacing unit.
 * @cssproperty --scheduler-font-family - font; the page's by default.
 * @cssproperty --scheduler-focus-ring - focus ring (a box-shadow).
 */
export class SchedulerEditor extends LitElement {
  static override styles = editorStyles;

  static override properties: Record<ReactiveField, PropertyDeclaration> = {
    apiUrl: { attribute: 'api-url' },
    accessToken: { attribute: 'access-token' },
    grantId: { attribute: 'grant-id' },
    request: { attribute: false },
    locale: {},
    theme: { reflect: true },
    localization: { attribute: false },
    widgetScript: { attribute: 'widget-script' },
  };

  /** Base URL of the Scheduler API. */
  apiUrl = DEFAULT_API_URL;
  /** A grant access token the host page obtained (Bearer); with no `grant-id`, calls go to `/v3/grants/me/…`. */
  accessToken = '';
  /** The grant whose configurations are edited, for a token the API accepts on `/v3/grants/{grant_id}/…`. */
  grantId = '';
  /** Sends each call through the host's own backend instead (`{method, path, body, headers}` → `Response`). */
  request: ((call: EditorRequest) => Promise<Response>) | null = null;
  /**
   * BCP 47 language; default the page's `lang`, then the browser's. The editor's own texts are
   * English unless `localization` gives them.
   */
  locale = '';
  /** `light`, `dark` or `auto`, also given to the preview. */
  theme: '' | 'light' | 'dark' | 'auto' = '';
  /** Any of the editor's strings, replaced. */
  localization: Partial<EditorStrings> = {};
  /** The widget's script for the embed snippet; default `scheduler-widget/scheduler-widget.js` beside the editor's. */
  widgetScript = '';

  #view: View = 'list';
  #configurations: Array<Configuration | GroupConfiguration> | null = null;
  #listNotice: Notice | null = null;
  /** The configuration asked to be deleted, awaiting its confirmation. */
  #deleting = '';
  #editing: Editing | null = null;
  #calendars: Calendar[] = [];
  #formView: Awaited<ReturnType<typeof loadForm>> | null = null;
  #bookings: InstanceType<Awaited<ReturnType<typeof loadBookings>>['BookingsPanel']> | null = null;
  #group: InstanceType<Awaited<ReturnType<typeof loadGroup>>['GroupPanel']> | null = null;
  #client: AdminClient | null = null;
  #t: EditorTranslate = editorTranslator();
  /** The preview: the configuration it shows (a draft of the form, or the saved one) and a key that restarts it. */
  #preview = { id: '', draft: '', key: 0, state: 'off' as 'live' | 'invalid' | 'off' };
  #previewTimer = 0;
  /** Draft writes one after another: a second create would leave a draft behind. */
  #previewQueue: Promise<void> = Promise.resolve();
  /** Counts discarded drafts: a write that was under way then leaves nothing behind. */
  #draftGeneration = 0;
  #discardOnLeave = () => this.#discardDraft(true);

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('pagehide', this.#discardOnLeave);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pagehide', this.#discardOnLeave);
    this.#discardDraft(true);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('localization')) {
      this.#t = editorTranslator(this.localization);
      // The bookings list keeps the strings and client it was made with: made again below.
      this.#bookings = null;
    }
    if (['apiUrl', 'accessToken', 'grantId', 'request'].some((name) => changed.has(name as keyof SchedulerEditor))) {
      this.#client =
        this.accessToken || this.request
          ? new AdminClient({
              apiUrl: this.apiUrl || DEFAULT_API_URL,
              accessToken: this.accessToken,
              grantId: this.grantId,
              request: this.request,
            })
          : null;
      this.#bookings = null;
      if (this.#view === 'list' || !this.#client) this.#loadList();
    }
    const remade =
      changed.has('localization') || changed.has('accessToken') || changed.has('request') || changed.has('grantId');
    if (remade && this.hasUpdated && this.#view === 'bookings' && this.#client) void this.#openBookings();
  }

  #locale(): string {
    return this.locale || this.closest('[lang]')?.getAttribute('lang') || navigator.language;
  }

  #noticeOf(error: unknown): Notice {
    return noticeOf(this.#t, error);
  }

  async #loadList(): Promise<void> {
    this.#configurations = null;
    this.#listNotice = this.#client ? null : { kind: 'alert', text: this.#t('notSignedIn') };
    this.requestUpdate();
    if (!this.#client) return;
    try {
      const all = await this.#client.configurations();
      this.#configurations = all.filter((config) => !config.appearance?.[DRAFT_MARK]);
    } catch (error) {
      this.#listNotice = this.#noticeOf(error);
    }
    this.requestUpdate();
  }

  /** Where the organizer asked to go from a form with unsaved changes, awaiting their answer. */
  #leaving: View | null = null;

  #show(view: View, discard = false): void {
    const editing = this.#editing;
    if (this.#view === 'edit' && editing && !discard && JSON.stringify(editing.form) !== editing.opened) {
      this.#leaving = view;
      this.requestUpdate();
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#leave button')?.focus());
      return;
    }
    this.#leaving = null;
    if (this.#view === 'edit') this.#discardDraft();
    this.#view = view;
    this.#editing = null;
    this.#group = null;
    if (view === 'list') void this.#loadList();
    if (view === 'bookings') void this.#openBookings();
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  async #openBookings(): Promise<void> {
    if (!this.#client) return;
    try {
      const { BookingsPanel } = await loadBookings();
      const context: BookingsContext = {
        t: this.#t,
        locale: this.#locale(),
        client: this.#client,
        theme: this.theme,
        apiUrl: this.apiUrl || DEFAULT_API_URL,
      };
      this.#bookings ??= new BookingsPanel(context, (focus) => {
        this.requestUpdate();
        if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(focus)?.focus());
      });
      void this.#bookings.load();
    } catch (error) {
      this.#listNotice = this.#noticeOf(error);
    }
    this.requestUpdate();
  }

  /** Opens a group configuration (or a new one): its fields and its sessions. */
  async #openGroup(config: GroupConfiguration | null): Promise<void> {
    const client = this.#client;
    if (!client) return;
    try {
      const [{ GroupPanel }, calendars] = await Promise.all([loadGroup(), client.calendars(), loadWidget()]);
      this.#calendars = calendars;
      this.#group = new GroupPanel(
        {
          t: this.#t,
          locale: this.#locale(),
          client,
          calendars,
          apiUrl: this.apiUrl || DEFAULT_API_URL,
          theme: this.theme,
          zone: browserZone(),
          changed: (focus) => {
            this.requestUpdate();
            if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(focus)?.focus());
          },
          saved: (saved) =>
            this.dispatchEvent(
              new CustomEvent('scheduler-editor-saved', { detail: saved, bubbles: true, composed: true }),
            ),
          snippet: (saved) => this.#snippetOf(saved),
        },
        config,
      );
      this.#view = 'group';
    } catch (error) {
      this.#listNotice = this.#noticeOf(error);
    }
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  /** Opens the form: on a saved configuration, a copy of one (unsaved), or a new one. */
  async #edit(config: Configuration | null, copy = false): Promise<void> {
    const zone = browserZone();
    let base: ConfigurationInput;
    if (!config) base = blankConfiguration(zone);
    else {
      const { slug: _slug, ...body } = withoutId(config);
      base = copy
        ? { ...body, name: this.#t('copyOf', { name: config.name || config.event_booking.title }) }
        : withoutId(config);
    }
    this.#discardDraft();
    this.#leaving = null;
    const form = toForm(base, zone);
    this.#editing = {
      // A copy is unsaved from the start.
      opened: copy ? '' : JSON.stringify(form),
      saved: config && !copy ? config : null,
      base,
      form,
      problems: {},
      showProblems: false,
      saving: false,
      notice: null,
      conflict: false,
    };
    this.#preview = {
      id: config && !copy ? config.id : '',
      draft: '',
      key: this.#preview.key + 1,
      state: config && !copy ? 'live' : 'off',
    };
    this.#view = 'edit';
    this.requestUpdate();
    if (copy) this.#schedulePreview();
    try {
      [this.#formView] = await Promise.all([loadForm(), loadWidget()]);
    } catch (error) {
      this.#editing.notice = this.#noticeOf(error);
    }
    this.requestUpdate();
    void this.#client
      ?.calendars()
      .then((calendars) => {
        this.#calendars = calendars;
        this.requestUpdate();
      })
      .catch(() => {});
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  #change = (mutate: (form: EditorForm) => void): void => {
    const editing = this.#editing!;
    const form = structuredClone(editing.form);
    mutate(form);
    editing.form = form;
    if (editing.showProblems) editing.problems = validate(form);
    this.#schedulePreview();
    this.requestUpdate();
  };

  async #save(overwrite = false): Promise<void> {
    const editing = this.#editing!;
    const client = this.#client;
    if (!client || editing.saving) return;
    editing.problems = validate(editing.form);
    editing.showProblems = true;
    const count = Object.keys(editing.problems).length;
    if (count) {
      editing.notice = { kind: 'alert', text: this.#t('fixErrors', { count }) };
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    editing.saving = true;
    editing.notice = { kind: 'status', text: this.#t('saving') };
    this.requestUpdate();
    const body = toConfiguration(editing.form, editing.base);
    try {
      let saved: Configuration;
      if (editing.saved) {
        // The API has no version or ETag on a configuration: what it holds now is compared with
        // what this form started from, and a difference means someone else saved in between.
        const current = overwrite
          ? editing.saved
          : await client.configuration(editing.saved.id).catch((error: unknown) => {
              if (error instanceof ApiError && error.type === 'not_found_error') return null;
              throw error;
            });
        if (!current) {
          editing.saved = null;
          editing.notice = { kind: 'alert', text: this.#t('gone') };
          return;
        }
        if (!sameContent(current, editing.saved)) {
          editing.conflict = true;
          editing.notice = { kind: 'alert', text: this.#t('conflict') };
          this.#theirs = current;
          return;
        }
        saved = await client.updateConfiguration(editing.saved.id, body);
      } else {
        saved = await client.createConfiguration(body);
      }
      const created = !editing.saved;
      editing.saved = saved;
      editing.base = withoutId(saved);
      editing.opened = JSON.stringify(editing.form);
      editing.conflict = false;
      editing.notice = { kind: 'status', text: this.#t(created ? 'created' : 'saved') };
      this.#discardDraft();
      this.#preview = { id: saved.id, draft: '', key: this.#preview.key + 1, state: 'live' };
      this.dispatchEvent(new CustomEvent('scheduler-editor-saved', { detail: saved, bubbles: true, composed: true }));
    } catch (error) {
      const field = error instanceof ApiError && error.status === 400 ? fieldOfMessage(error.message) : undefined;
      if (field)
        editing.problems = { ...editing.problems, [field]: ['refused', { message: (error as ApiError).message }] };
      editing.notice = this.#noticeOf(error);
    } finally {
      editing.saving = false;
      this.requestUpdate();
    }
  }

  /** What another tab saved, shown after a conflict: the organizer picks theirs or overwrites it. */
  #theirs: Configuration | null = null;

  #reloadTheirs = (): void => {
    const theirs = this.#theirs;
    if (theirs) void this.#edit(theirs);
  };

  #conflictSave = (overwrite = false): void => {
    if (overwrite && this.#theirs && this.#editing) this.#editing.saved = this.#theirs;
    void this.#save(overwrite);
  };

  #schedulePreview(): void {
    clearTimeout(this.#previewTimer);
    this.#previewTimer = window.setTimeout(() => {
      this.#previewQueue = this.#previewQueue.then(() => this.#writeDraft());
    }, PREVIEW_DELAY_MS);
  }

  /**
   * The preview of unsaved changes: the widget cannot be handed a configuration, it reads it from
   * the API, so the form is written to a public draft configuration (hidden from the list, booking
   * off in the preview, deleted on save, leaving or closing the page) that the preview shows.
   */
  async #writeDraft(): Promise<void> {
    const editing = this.#editing;
    const client = this.#client;
    if (!editing || !client) return;
    if (Object.keys(validate(editing.form)).length) {
      this.#preview.state = 'invalid';
      this.requestUpdate();
      return;
    }
    const { slug: _slug, ...body } = toConfiguration(editing.form, editing.base);
    const draft: ConfigurationInput = {
      ...body,
      requires_session_auth: false,
      appearance: { ...body.appearance, [DRAFT_MARK]: 'true' },
    };
    const generation = this.#draftGeneration;
    const existing = this.#preview.draft;
    try {
      const written = existing
        ? await client.updateConfiguration(existing, draft)
        : await client.createConfiguration(draft);
      if (generation !== this.#draftGeneration) {
        if (!existing) void client.deleteConfiguration(written.id).catch(() => {});
        return;
      }
      this.#preview = { id: written.id, draft: written.id, key: this.#preview.key + 1, state: 'live' };
    } catch {
      if (generation !== this.#draftGeneration) return;
      this.#preview.state = 'off';
    }
    this.requestUpdate();
  }

  #discardDraft(leaving = false): void {
    clearTimeout(this.#previewTimer);
    this.#draftGeneration++;
    const { draft } = this.#preview;
    if (draft && this.#client) void this.#client.deleteConfiguration(draft, leaving).catch(() => {});
    this.#preview = { ...this.#preview, draft: '' };
  }

  async #delete(config: Configuration | GroupConfiguration): Promise<void> {
    if (!this.#client) return;
    try {
      await this.#client.deleteConfiguration(config.id);
      this.#deleting = '';
      this.#listNotice = { kind: 'status', text: this.#t('deleted') };
      this.dispatchEvent(
        new CustomEvent('scheduler-editor-deleted', { detail: { id: config.id }, bubbles: true, composed: true }),
      );
      this.#configurations = this.#configurations?.filter((item) => item.id !== config.id) ?? null;
    } catch (error) {
      this.#listNotice = this.#noticeOf(error);
    }
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  #snippet(): string {
    const saved = this.#editing?.saved;
    return saved ? this.#snippetOf(saved) : '';
  }

  #snippetOf(saved: Configuration | GroupConfiguration): string {
    const script =
      this.widgetScript || new URL(/* @vite-ignore */ '../scheduler-widget/scheduler-widget.js', import.meta.url).href;
    const api = new URL(this.apiUrl || DEFAULT_API_URL, location.href).href.replace(/\/$/, '');
    const auth = saved.requires_session_auth
      ? 'session-id="SESSION_ID_FROM_YOUR_BACKEND"'
      : `configuration-id="${saved.id}"`;
    return `<script type="module" src="${script}"></script>\n<scheduler-widget ${auth}
      api-url="${api}"></scheduler-widget>`;
  }

  protected override render() {
    const t = this.#t;
    const locale = this.#locale();
    const rtl = /^(ar|he|fa|ur)\b/i.test(locale);
    const current = (view: View) => this.#view === view || (view === 'list' && ['edit', 'group'].includes(this.#view));
    const tab = (view: View, label: string) =>
      html`<button type="button" aria-current=${current(view) ? 'page' : 'false'} @click=${() => this.#show(view)}>
        ${label}
      </button>`;
    return html`<div class="root" part="base" lang=${locale} dir=${rtl ? 'rtl' : 'ltr'}>
      <nav aria-label=${t('editorSections')}>${tab('list', t('configurations'))}${tab('bookings', t('bookings'))}</nav>
      ${
        this.#view === 'edit'
          ? this.#renderEditor()
          : this.#view === 'group' && this.#group
            ? this.#group.render(() => this.#show('list'))
            : this.#view === 'bookings'
              ? this.#renderBookings()
              : this.#renderList()
      }
    </div>`;
  }

  #renderNotice(notice: Notice | null) {
    return renderNotice(notice);
  }

  #renderList() {
    const t = this.#t;
    const configs = this.#configurations;
    return html`<h2 tabindex="-1">${t('configurations')}</h2>
      ${this.#renderNotice(this.#listNotice)}
      ${
        this.#listNotice?.kind === 'alert' && this.#client
          ? html`<div><button type="button"
        @click=${() => this.#loadList()}>${t('retry')}</button></div>`
          : nothing
      }
      ${
        this.#client
          ? html`<div class="actions">
            <button type="button" class="primary" @click=${() => this.#edit(null)}>${t('newConfiguration')}</button>
            <button type="button" @click=${() => this.#openGroup(null)}>${t('newGroup')}</button>
          </div>`
          : nothing
      }
      ${
        !configs
          ? this.#listNotice
            ? nothing
            : html`<p class="muted">${t('loading')}</p>`
          : configs.length
            ? html`<ul part="list">
              ${configs.map((config) => {
                const group = isGroup(config);
                const name = config.name || (group ? '' : config.event_booking.title) || t('untitled');
                const about = group ? t('groupEvent') : `${config.availability.duration_minutes} min`;
                return html`<li class="item">
                  <span><strong>${name}</strong> <span class="muted">${about} · ${config.id}</span></span>
                  ${
                    this.#deleting === config.id
                      ? html`<span class="actions" role="group" aria-label=${t('confirmDelete', { name })}>
                        <span>${t('confirmDelete', { name })}</span>
                        <button type="button" class="danger"
                          @click=${() => this.#delete(config)}>${t('delete')}</button>
                        <button type="button" @click=${() => this.#askDelete('')}>${t('keep')}</button>
                      </span>`
                      : html`<span class="actions">
                        ${
                          group
                            ? html`<button type="button" aria-label="${t('edit')}: ${name}"
                              @click=${() => this.#openGroup(config)}>${t('edit')}</button>`
                            : html`<button type="button" aria-label="${t('edit')}: ${name}"
                              @click=${() => this.#edit(config)}>${t('edit')}</button>
                              <button type="button" aria-label="${t('duplicate')}: ${name}"
                                @click=${() => this.#edit(config, true)}>${t('duplicate')}</button>`
                        }
                        <button type="button" class="danger" aria-label="${t('delete')}: ${name}"
                          @click=${() => this.#askDelete(config.id)}>${t('delete')}</button>
                      </span>`
                  }
                </li>`;
              })}
            </ul>`
            : html`<p class="muted">${t('none')}</p>`
      }`;
  }

  async #askDelete(id: string): Promise<void> {
    const was = this.#deleting;
    this.#deleting = id;
    this.requestUpdate();
    await this.updateComplete;
    // Focus stays on the row: the confirmation's button, or back on the Delete button it replaced.
    const selector = id ? '[role="group"] button.danger' : 'button.danger';
    const row = this.renderRoot.querySelector<HTMLElement>(
      id
        ? selector
        : `li:nth-child(${(this.#configurations?.findIndex((config) => config.id === was) ?? 0) + 1}) ${selector}`,
    );
    row?.focus();
  }

  #renderEditor() {
    const editing = this.#editing!;
    if (!this.#formView) return html`<h2 tabindex="-1">${this.#t('loading')}</h2>${this.#renderNotice(editing.notice)}`;
    const context: FormContext = {
      t: this.#t,
      locale: this.#locale(),
      form: editing.form,
      problems: editing.showProblems ? editing.problems : {},
      calendars: this.#calendars,
      saving: editing.saving,
      notice: editing.notice,
      conflict: editing.conflict,
      saved: editing.saved,
      change: this.#change,
      save: this.#conflictSave,
      reloadTheirs: this.#reloadTheirs,
      back: () => this.#show('list'),
      preview: {
        configurationId: this.#preview.id,
        apiUrl: this.apiUrl || DEFAULT_API_URL,
        key: this.#preview.key,
        theme: this.theme,
        locale: this.#locale(),
        state: this.#preview.state,
      },
      snippet: this.#snippet(),
    };
    const t = this.#t;
    return html`${
      this.#leaving
        ? html`<div id="leave" role="alertdialog" aria-labelledby="leave-text" class="actions notice">
          <p id="leave-text">${t('unsaved')}</p>
          <button type="button" @click=${() => this.#stay()}>${t('stay')}</button>
          <button type="button" class="danger" @click=${() => this.#show(this.#leaving!, true)}>${t('leave')}</button>
        </div>`
        : nothing
    }
    ${this.#formView.renderForm(context)}`;
  }

  async #stay(): Promise<void> {
    this.#leaving = null;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('form button[type="submit"]')?.focus();
  }

  #renderBookings() {
    return html`<h2 tabindex="-1">${this.#t('bookings')}</h2>
      ${
        this.#bookings
          ? this.#bookings.render()
          : this.#renderNotice(this.#listNotice ?? { kind: 'status', text: this.#t('loading') })
      }`;
  }
}
