/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite and postgres.js must stay out of the server bundle (stack-notes trap 3):
  // bundled, the build passes and every query answers 500.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "bcryptjs"],
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx for a signed-in user without the permission.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
