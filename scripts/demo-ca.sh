#!/usr/bin/env bash
# Creates a DEMO certificate authority and signing certificates for baocao (issue 5 point 6).
#
#   scripts/demo-ca.sh DIR [--force]
#
# Writes into DIR (created if needed; existing files are kept unless --force, so `make run`
# can call this every time and keep the same CA):
#   ca.key ca.crt                     demo root CA "CA Báo cáo thử nghiệm" (EC P-256, 10 years)
#   agency.key agency.crt agency.p12  the agency's certificate (chứng thư số của cơ quan):
#                                     "Sở Tài chính TP. Hồ Chí Minh"; EKU codeSigning only, as
#                                     some document-signing CAs issue (verify with purpose any)
#   leader.key leader.crt leader.p12  a person's certificate (chứng thư số cá nhân):
#                                     "Nguyễn Văn An", Giám đốc, Sở Tài chính TP. Hồ Chí Minh
#   receiver.key receiver.crt receiver.p12  "Văn phòng UBND TP. Hồ Chí Minh" (the receiver)
#   trust.pem                         the trust store bundle to configure in baocao (= ca.crt)
#   README.txt                        what each file is and how to check a signature
# PKCS#12 password: $BAOCAO_DEMO_P12_PASSWORD or "baocao-demo". NOT for production use: these
# keys are unencrypted on disk.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 DIR [--force]" >&2
  exit 2
fi
DIR=$1
FORCE=${2:-}
PASS=${BAOCAO_DEMO_P12_PASSWORD:-baocao-demo}
command -v openssl >/dev/null || { echo "openssl not found" >&2; exit 1; }

mkdir -p "$DIR"
cd "$DIR"
if [[ -f ca.crt && -f leader.p12 && -f agency.p12 && -f receiver.p12 && "$FORCE" != "--force" ]]; then
  echo "demo CA already present in $DIR (use --force to recreate)"
  exit 0
fi
umask 077

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

ec_key ca.key
openssl req -x509 -new -utf8 -key ca.key -sha256 -days 3650 -out ca.crt \
  -subj "/C=VN/O=baocao (thử nghiệm)/CN=CA Báo cáo thử nghiệm" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -addext "subjectKeyIdentifier=hash"

# leaf NAME SUBJECT EKU FRIENDLY_NAME
leaf() {
  local name=$1 subj=$2 eku=$3 friendly=$4
  ec_key "$name.key"
  openssl req -new -utf8 -key "$name.key" -subj "$subj" -out "$name.csr"
  printf '%s\n' "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature,nonRepudiation" \
    "extendedKeyUsage=$eku" \
    "subjectKeyIdentifier=hash" \
    "authorityKeyIdentifier=keyid" > "$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -set_serial "0x$(openssl rand -hex 8)" \
    -sha256 -days 825 -extfile "$name.ext" -out "$name.crt" 2>/dev/null
  openssl pkcs12 -export -inkey "$name.key" -in "$name.crt" -certfile ca.crt \
    -name "$friendly" -passout "pass:$PASS" -out "$name.p12"
  rm -f "$name.csr" "$name.ext"
}

leaf agency "/C=VN/ST=TP. Hồ Chí Minh/O=UBND TP. Hồ Chí Minh/CN=Sở Tài chính TP. Hồ Chí Minh" \
  codeSigning "Sở Tài chính TP. Hồ Chí Minh"
leaf leader "/C=VN/ST=TP. Hồ Chí Minh/O=Sở Tài chính TP. Hồ Chí Minh/title=Giám đốc/CN=Nguyễn Văn An" \
  "emailProtection,clientAuth" "Nguyễn Văn An"
leaf receiver "/C=VN/ST=TP. Hồ Chí Minh/O=UBND TP. Hồ Chí Minh/CN=Văn phòng UBND TP. Hồ Chí Minh" \
  "emailProtection,codeSigning" "Văn phòng UBND TP. Hồ Chí Minh"
cp ca.crt trust.pem
chmod 644 ca.crt trust.pem agency.crt leader.crt receiver.crt

cat > README.txt <<EOF
Chứng thư số THỬ NGHIỆM của baocao — không dùng cho báo cáo thật.

ca.crt / trust.pem   CA gốc thử nghiệm (cấu hình làm kho chứng thư tin cậy)
agency.p12           Sở Tài chính TP. Hồ Chí Minh (chứng thư của cơ quan)
leader.p12           Nguyễn Văn An, Giám đốc Sở Tài chính (chứng thư cá nhân)
receiver.p12         Văn phòng UBND TP. Hồ Chí Minh
Mật khẩu các tệp .p12: $PASS

Kiểm tra một chữ ký tách rời:
  openssl cms -verify -binary -inform DER -in report.p7s -content report.bin \\
    -CAfile ca.crt -purpose any -out /dev/null
EOF
echo "demo CA and certificates written to $DIR"
