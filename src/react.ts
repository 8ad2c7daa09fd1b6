// JSX typing of <scheduler-widget> for React 19 (types only: `import type {} from 'scheduler-widget/react'`).
// Kebab-case names are attributes; `prefill`, `language` and `localization` are objects, which React 19
// sets as properties (the element has them once it is defined); `on<event-name>` props become
// addEventListener('<event-name>', …) listeners.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { SchedulerEventMap } from './events.js';
import type { SchedulerWidget } from './scheduler-widget.js';

type SchedulerWidgetEvents = {
  [K in keyof SchedulerEventMap as `on${K}`]?: (event: SchedulerEventMap[K]) => void;
};

export type SchedulerWidgetProps = DetailedHTMLProps<HTMLAttributes<SchedulerWidget>, SchedulerWidget> &
  SchedulerWidgetEvents &
  Partial<
    Pick<SchedulerWidget, 'slug' | 'timezone' | 'locale' | 'theme' | 'mode' | 'prefill' | 'language' | 'localization'>
  > & {
    'configuration-id'?: string;
    'session-id'?: string;
    'client-id'?: string;
    'api-url'?: string;
    'hour-cycle'?: 'h12' | 'h23';
    'guest-name'?: string;
    'guest-email'?: string;
    'locales-url'?: string;
    'reschedule-booking-ref'?: string;
    'cancel-booking-ref'?: string;
    'confirm-booking-ref'?: string;
    'booking-ref-param'?: string;
    'request-timeout'?: number;
    display?: 'inline' | 'popup' | 'floating';
    'floating-position'?: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';
    'floating-label'?: string;
    'prefill-from-url'?: boolean;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'scheduler-widget': SchedulerWidgetProps;
    }
  }
}
