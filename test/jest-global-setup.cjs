// Runs once in jest's main process, before it starts the workers (which inherit its environment).
// The suites talk only to 127.0.0.1 over plain HTTP, so a CA bundle named in NODE_EXTRA_CA_CERTS
// (some machines set the whole system bundle there) would only make each of the hundreds of child
// processes the suites start parse it at start-up: several times the cost of Node's own start.
module.exports = async () => {
  delete process.env.NODE_EXTRA_CA_CERTS;
};
