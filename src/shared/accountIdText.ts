// The shape of an account's id (status/accounts/accounts.ts makes them: "default", or hex): a few lowercase letters
// and digits, safe in a secret's name, a file's record and a query the page sends back. In src/shared, below every
// layer, so that the accounts, the panel's query and the other accounts' shared record all check the same shape.

export function isAccountIdText(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z0-9]{1,32}$/.test(value);
}
