import type { ReactiveControllerHost } from 'lit';
import type { UiSettings } from '../contract/guest.js';

/**
 * The configuration's colour (`appearance.color`) as the widget's accent, as a controller: its
 * lightness bounded so that text on it and it on the background stay readable in each scheme; the
 * page's `--scheduler-accent` wins. Set on the element itself, so that the floating button (outside
 * the widget's box) wears it too.
 */
export function brandingController(
  host: ReactiveControllerHost & HTMLElement,
  settings: () => UiSettings | null,
): void {
  let shown: unknown = '';
  host.addController({
    hostUpdated() {
      const color = settings()?.appearance?.color;
      if (color === shown) return;
      shown = color;
      const brand = (lightness: string) => `oklch(from ${color} ${lightness} c h)`;
      host.style.setProperty(
        '--_accent',
        color && CSS.supports('color', brand('l'))
          ? `var(--scheduler-accent,light-dark(${brand('min(l,.5)')},${brand('max(l,.75)')}))`
          : '',
      );
    },
  });
}
