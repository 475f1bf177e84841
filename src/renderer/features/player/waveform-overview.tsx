import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { useTheme } from '@mui/material/styles';
import { useEffect, useRef } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { formatClock } from '../../components/format-time';

type Overview = MethodOutput<'playback.overview'>;

type Props = {
  overview: Overview | null;
  durationMs: number;
  positionMs: number;
  onSeek: (ms: number) => void;
};

const HEIGHT = 72;

/**
 * The whole call at a glance: the rep's peaks above the line, the customer's below, the playhead,
 * and the bookmarks. A click or drag seeks; with the keyboard it is a slider (the page's
 * shortcuts move it too).
 */
export function WaveformOverview({ overview, durationMs, positionMs, onSeek }: Props) {
  const theme = useTheme();
  const canvas = useRef<HTMLCanvasElement>(null);
  const repColour = theme.palette.primary.main;
  const customerColour = theme.palette.secondary.main;

  useEffect(() => {
    const element = canvas.current;
    if (!element) {
      return undefined;
    }
    const draw = () => {
      const width = element.clientWidth;
      const ratio = window.devicePixelRatio || 1;
      element.width = Math.max(1, Math.round(width * ratio));
      element.height = Math.round(HEIGHT * ratio);
      const g = element.getContext('2d');
      if (!g) {
        return;
      }
      g.setTransform(ratio, 0, 0, ratio, 0, 0);
      g.clearRect(0, 0, width, HEIGHT);
      if (!overview || overview.peaks.length === 0) {
        return;
      }
      const bins = overview.peaks.length / 2;
      const mid = HEIGHT / 2;
      for (let x = 0; x < width; x += 1) {
        const from = Math.floor((x / width) * bins);
        const to = Math.max(from + 1, Math.floor(((x + 1) / width) * bins));
        let rep = 0;
        let customer = 0;
        for (let b = from; b < to && b < bins; b += 1) {
          rep = Math.max(rep, overview.peaks[b * 2] ?? 0);
          customer = Math.max(customer, overview.peaks[b * 2 + 1] ?? 0);
        }
        // Square root: quiet speech still shows.
        const up = Math.sqrt(rep / 255) * (mid - 2);
        const down = Math.sqrt(customer / 255) * (mid - 2);
        g.fillStyle = repColour;
        g.fillRect(x, mid - up, 1, up);
        g.fillStyle = customerColour;
        g.fillRect(x, mid, 1, down);
      }
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, [overview, repColour, customerColour]);

  const seekFrom = (clientX: number, target: HTMLElement) => {
    const box = target.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (clientX - box.left) / Math.max(1, box.width)));
    onSeek(Math.round(fraction * durationMs));
  };
  const fraction = durationMs > 0 ? Math.min(1, positionMs / durationMs) : 0;

  return (
    <Box
      role="slider"
      tabIndex={0}
      aria-label="Position in the call"
      aria-valuemin={0}
      aria-valuemax={Math.round(durationMs / 1000)}
      aria-valuenow={Math.round(positionMs / 1000)}
      aria-valuetext={`${formatClock(positionMs)} of ${formatClock(durationMs)}`}
      data-testid="waveform"
      data-peaks={overview ? overview.peaks.length / 2 : 0}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        seekFrom(event.clientX, event.currentTarget);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) {
          seekFrom(event.clientX, event.currentTarget);
        }
      }}
      sx={{ position: 'relative', height: HEIGHT, cursor: 'pointer', bgcolor: 'action.hover', borderRadius: 1, touchAction: 'none', '&:focus-visible': { outline: 2, outlineColor: 'primary.main' } }}
    >
      <canvas ref={canvas} aria-hidden style={{ width: '100%', height: HEIGHT, display: 'block' }} />
      {overview?.bookmarks.map((bookmark, i) => (
        <Tooltip key={`${bookmark.atMs}-${i}`} title={`${formatClock(bookmark.atMs)}${bookmark.note ? `: ${bookmark.note}` : ''}`}>
          <Box
            data-testid="waveform-bookmark"
            aria-label={`Bookmark at ${formatClock(bookmark.atMs)}`}
            sx={{ position: 'absolute', top: 0, bottom: 0, left: `${(bookmark.atMs / Math.max(1, durationMs)) * 100}%`, width: 3, ml: '-1px', bgcolor: 'warning.main' }}
          />
        </Tooltip>
      ))}
      <Box aria-hidden sx={{ position: 'absolute', top: 0, bottom: 0, left: `${fraction * 100}%`, width: 2, ml: '-1px', bgcolor: 'text.primary', pointerEvents: 'none' }} />
    </Box>
  );
}
