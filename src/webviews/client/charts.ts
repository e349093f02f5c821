import uPlot from 'uplot';
import { el, themeColor } from './common';

/** Series colours: VS Code's chart colours, so charts follow the theme. */
const palette = ['charts.blue', 'charts.orange', 'charts.green', 'charts.purple', 'charts.red', 'charts.yellow'];

export function seriesColor(index: number): string {
  return themeColor(palette[index % palette.length]!, ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'][index % 6]!);
}

function axis(): uPlot.Axis {
  const foreground = themeColor('foreground', '#cccccc');
  const grid = themeColor('editorWidget.border', '#454545');
  return { stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Time labels whose form follows the span shown: seconds for a few minutes, hours and minutes
 * within a day, the date too beyond. Each form has a known width, and the axis asks for at least
 * that much room per label (`space`), so labels never run into each other however narrow the
 * panel or long the job.
 */
function timeLabel(spanSeconds: number): { chars: number; format: (date: Date) => string } {
  if (spanSeconds <= 10 * 60) return { chars: 8, format: (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` };
  if (spanSeconds <= 24 * 3600) return { chars: 5, format: (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}` };
  return { chars: 11, format: (d) => `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}` };
}

/** Pixels per label character at the panel's font size, with a gap between labels. */
const charWidth = 8;
const labelGap = 24;

export function timeAxis(): uPlot.Axis {
  return {
    ...axis(),
    space: (_self, _axis, min, max) => timeLabel(max - min).chars * charWidth + labelGap,
    values: (self, splits) => {
      const scale = self.scales.x;
      const { format } = timeLabel((scale?.max ?? 0) - (scale?.min ?? 0));
      return splits.map((seconds) => format(new Date(seconds * 1000)));
    },
  };
}

export interface ChartSpec {
  readonly title: string;
  /** Epoch ms, ascending. */
  readonly times: readonly number[];
  readonly series: ReadonlyArray<{
    readonly label: string;
    readonly values: ReadonlyArray<number | null>;
    readonly color: string;
    /** Points only (a scatter), or points joined by lines (stepped for "best so far"). */
    readonly style: 'line' | 'points' | 'steps';
  }>;
}

/**
 * A time chart drawn with uPlot (canvas), sized to its container and redrawn on resize. The
 * figure is wrapped with a caption so the panel's text says what it shows.
 */
export function timeChart(spec: ChartSpec): HTMLElement {
  const holder = el('div', { class: 'chart' });
  const figure = el('figure', { 'aria-label': spec.title }, el('figcaption', {}, spec.title), holder);
  const data: uPlot.AlignedData = [spec.times.map((t) => t / 1000), ...spec.series.map((s) => [...s.values])];
  const options: uPlot.Options = {
    width: 600,
    height: 220,
    scales: { x: { time: true } },
    axes: [timeAxis(), axis()],
    legend: { show: spec.series.length > 1 },
    cursor: { drag: { x: true, y: false } },
    series: [
      {},
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        spanGaps: true,
        points: { show: s.style === 'points' || spec.times.length < 40, size: s.style === 'points' ? 7 : 4, fill: s.color },
        paths: s.style === 'points' ? (): null => null : s.style === 'steps' ? uPlot.paths.stepped?.({ align: 1 }) : undefined,
      })),
    ],
  };
  // Created once the figure is in the page, so it can take the container's width.
  requestAnimationFrame(() => {
    const chart = new uPlot(options, data, holder);
    const fit = (): void => chart.setSize({ width: Math.max(240, holder.clientWidth), height: 220 });
    fit();
    new ResizeObserver(fit).observe(holder);
  });
  return figure;
}
