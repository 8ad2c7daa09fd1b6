import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'scheduler-widget/define'; // registers <scheduler-widget> before React renders it
import type {} from 'scheduler-widget/react'; // types the tag in JSX
import type { Booking, Prefill } from 'scheduler-widget';

// Set these in examples/react/.env.local (Vite exposes VITE_* variables).
const apiUrl = import.meta.env.VITE_SCHEDULER_API_URL ?? 'https://api.us.nylas.com';
const configurationId = import.meta.env.VITE_SCHEDULER_CONFIGURATION_ID ?? 'YOUR_CONFIGURATION_ID';

// Defined once: a new object on every render would be handed to the element again each time.
const prefill: Prefill = { fields: { company: 'Acme Inc.' } };

function App() {
  const [booking, setBooking] = useState<Booking | null>(null);
  return (
    <main>
      <h1>Book a call</h1>
      <scheduler-widget
        configuration-id={configurationId}
        api-url={apiUrl}
        guest-name="Ada Lovelace"
        guest-email="ada@example.com"
        prefill={prefill}
        onscheduler-booked={(event) => setBooking(event.detail)}
      />
      {/* The same booking in a popup, opened by its slotted trigger. */}
      <scheduler-widget
        display="popup"
        configuration-id={configurationId}
        api-url={apiUrl}
        onscheduler-booked={(event) => setBooking(event.detail)}
      >
        <button slot="trigger">Open the scheduler in a popup</button>
      </scheduler-widget>
      {booking && (
        <p role="status">
          Booked! Your booking id is <code id="booking-id">{booking.booking_id}</code>
        </p>
      )}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
