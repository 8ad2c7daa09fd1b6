// JSX typing for <scheduler-widget> in React 19. Kebab-case names are attributes; `prefill` and
// `localization` are objects, which React 19 sets as properties (the element has them once it is
// defined); `on<event-name>` props become addEventListener('<event-name>', …) listeners.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { Prefill, SchedulerEventMap, SchedulerWidget } from 'scheduler-widget';

type SchedulerWidgetEvents = {
  [K in keyof SchedulerEventMap as `on${K}`]?: (event: SchedulerEventMap[K]) => void;
};

export type SchedulerWidgetProps = DetailedHTMLProps<HTMLAttributes<SchedulerWidget>, SchedulerWidget> &
  SchedulerWidgetEvents & {
    'configuration-id'?: string;
    'session-id'?: string;
    'api-url'?: string;
    timezone?: string;
    locale?: string;
    'hour-cycle'?: 'h12' | 'h23';
    'guest-name'?: string;
    'guest-email'?: string;
    theme?: 'light' | 'dark';
    prefill?: Prefill;
    localization?: SchedulerWidget['localization'];
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'scheduler-widget': SchedulerWidgetProps;
    }
  }
}
