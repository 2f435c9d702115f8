/**
 * Who may change what through the API: bearer tokens with a role each, off until tokens are
 * configured. Reading (the dashboard, decisions, the lease long-poll) stays open; a deployment
 * that must hide it puts the service behind its own network policy or authenticating proxy.
 */
package io.capacitypilot.security;
