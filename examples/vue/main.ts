import { createApp, defineComponent, ref } from 'vue';
import 'scheduler-widget/define'; // registers <scheduler-widget>
import type { Booking, Prefill } from 'scheduler-widget';

// Set these in examples/vue/.env.local (Vite exposes VITE_* variables).
const apiUrl = import.meta.env.VITE_SCHEDULER_API_URL ?? 'https://api.us.nylas.com';
const configurationId = import.meta.env.VITE_SCHEDULER_CONFIGURATION_ID ?? 'YOUR_CONFIGURATION_ID';

const App = defineComponent({
  setup() {
    const booking = ref<Booking | null>(null);
    const prefill: Prefill = { fields: { company: 'Acme Inc.' } };
    const onBooked = (event: CustomEvent<Booking>) => (booking.value = event.detail);
    return { apiUrl, configurationId, prefill, booking, onBooked };
  },
  // `.prefill` binds a DOM property (objects cannot be attributes); `@scheduler-booked` listens
  // for the element's CustomEvent.
  template: `
    <main>
      <h1>Book a call</h1>
      <scheduler-widget
        :configuration-id="configurationId"
        :api-url="apiUrl"
        guest-name="Ada Lovelace"
        guest-email="ada@example.com"
        .prefill="prefill"
        @scheduler-booked="onBooked"
      ></scheduler-widget>
      <!-- The same booking in a popup, opened by its slotted trigger. -->
      <scheduler-widget display="popup" :configuration-id="configurationId" :api-url="apiUrl" @scheduler-booked="onBooked">
        <button slot="trigger">Open the scheduler in a popup</button>
      </scheduler-widget>
      <p v-if="booking" role="status">
        Booked! Your booking id is <code id="booking-id">{{ booking.booking_id }}</code>
      </p>
    </main>`,
});

const app = createApp(App);
// Tell the template compiler <scheduler-widget> is not a Vue component.
app.config.compilerOptions.isCustomElement = (tag) => tag === 'scheduler-widget';
app.mount('#app');
