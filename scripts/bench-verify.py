"""The in-process anchor for npm run bench: pyca/cryptography verifying every bundle of a folder as a TLS
client certificate chain (leaf, then intermediates) against one root, at a fixed time, in one process.
Prints the number of bundles that verified; exit 3 when the cryptography package is missing."""
import datetime
import os
import resource
import sys

try:
    from cryptography import x509
    from cryptography.x509.verification import PolicyBuilder, Store
except ImportError:
    sys.exit(3)

folder, root_file, at = sys.argv[1], sys.argv[2], sys.argv[3]
with open(root_file, "rb") as f:
    store = Store([x509.load_pem_x509_certificate(f.read())])
when = datetime.datetime.fromisoformat(at)
verifier = PolicyBuilder().store(store).time(when).build_client_verifier()
verified = 0
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), "rb") as f:
        certs = x509.load_pem_x509_certificates(f.read())
    try:
        verifier.verify(certs[0], certs[1:])
        verified += 1
    except Exception as err:  # noqa: BLE001 - a failure is counted, the count is checked by the caller
        print(f"{name}: {err}", file=sys.stderr)
print(verified)
# Page faults beside the time, as npm run bench counts them for Node (getrusage of this process).
faults_file = os.environ.get("BENCH_FAULTS_FILE")
if faults_file:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open(faults_file, "w") as f:
        f.write(f"{usage.ru_minflt} {usage.ru_majflt}\n")
