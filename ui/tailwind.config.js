/** @type {import('tailwindcss').Config} */
export default {
  content: ['./index.html', './src/**/*.{ts,tsx}'],
  darkMode: 'class',
  theme: { extend: {} },
  plugins: [],
  // Tailwind otherwise sets some 50 --tw-* variables on every element and pseudo-element (`*, ::before, ::after`);
  // each restyle of the whole page (opening a dialog, switching the theme) recomputed them all. With this they
  // are set only on elements whose classes use them (transforms, rings, shadows).
  experimental: { optimizeUniversalDefaults: true },
};
