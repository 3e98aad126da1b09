// Stand-in for keytar: the Forge validators our tests run never read or store credentials.
// Anything that does gets a clear error instead of a native build at install time.
'use strict';
const unavailable = () =>
  Promise.reject(
    new Error('keytar is stubbed in this repository: use the real Forge CLI (npm i -g @forge/cli) to log in'),
  );
module.exports = {
  getPassword: unavailable,
  setPassword: unavailable,
  deletePassword: unavailable,
  findPassword: unavailable,
  findCredentials: unavailable,
};
