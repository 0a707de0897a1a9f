import { createTheme, darken, defaultVariantColorsResolver, luminance, type VariantColorsResolver } from '@mantine/core';

/** WCAG contrast of white text on a colour. */
const onWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

/** The first shade from 8 on whose white text reads at 4.5:1 (orange 8, green 8 do not: 3.4–3.6:1). */
function readableFill(shades: readonly string[]): string {
  for (const shade of shades.slice(8)) if (onWhite(shade) >= 4.5) return shade;
  let fill = shades[9]!;
  while (onWhite(fill) < 4.5) fill = darken(fill, 0.05);
  return fill;
}

/**
 * Colours for WCAG 2.2 AA (4.5:1): light badges, alerts and subtle buttons keep their tinted background with a
 * dark text colour (Mantine's default light text reads at 1.5–3.8:1), and filled ones get a fill white text reads on.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const name = input.color && input.color in input.theme.colors ? input.color : input.theme.primaryColor;
  const shades = input.theme.colors[name]!;
  if (input.variant === 'light' || input.variant === 'subtle') return { ...colors, color: darken(shades[9], 0.35) };
  // Filled buttons and badges with white text: a shade dark enough for it (yellow and lime get dark text instead).
  if (input.variant === 'filled' && !['yellow', 'lime'].includes(name)) {
    const fill = readableFill(shades);
    return { ...colors, background: fill, hover: darken(fill, 0.1), color: 'var(--mantine-color-white)' };
  }
  return colors;
};

export const theme = createTheme({
  primaryColor: 'indigo',
  // Filled buttons and links in shade 8 (indigo 8 on white: 7.6:1; white on red 8: 4.6:1); autoContrast writes dark
  // text on the light fills (yellow, lime) where white would not read.
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  variantColorResolver,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", "Hiragino Kaku Gothic ProN", "Hiragino Sans", Meiryo, "Noto Sans JP", sans-serif',
});

/**
 * "dimmed" text (hints, dates, secondary lines) at 6.4:1 on white instead of Mantine's 3.3:1; a field's error text and
 * border in red 9 (5.6:1) instead of red 6 (3.3:1), which axe refused on every form showing a server's refusal.
 */
export const cssVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#585f66',
    '--mantine-color-placeholder': '#6b7178',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
