#include <curl/curl.h>

#include <cstring>
#include <mutex>

#include "app/mailer.h"

namespace baocao::app {

namespace {

struct Upload {
  const std::string* data;
  size_t pos = 0;
};

size_t readBody(char* buf, size_t size, size_t n, void* user) {
  auto* up = static_cast<Upload*>(user);
  size_t left = up->data->size() - up->pos;
  size_t take = std::min(left, size * n);
  std::memcpy(buf, up->data->data() + up->pos, take);
  up->pos += take;
  return take;
}

}  // namespace

CurlMailer::CurlMailer(SmtpOptions options) : options_(std::move(options)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

core::Status CurlMailer::send(const core::notify::MailMessage& m) {
  std::string text = core::notify::renderMessage(m);
  CURL* curl = curl_easy_init();
  if (!curl) return core::makeError(core::ErrorCode::Internal, "Không khởi tạo được libcurl");
  Upload up{&text};
  char err[CURL_ERROR_SIZE] = {0};
  std::string from = "<" + m.from.address + ">";
  struct curl_slist* rcpt = curl_slist_append(nullptr, ("<" + m.to.address + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, readBody);
  curl_easy_setopt(curl, CURLOPT_READDATA, &up);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.size()));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, err);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, options_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // called from worker threads
  // STARTTLS whenever the server offers it; a login is only sent over TLS unless none is given.
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   options_.username.empty() ? static_cast<long>(CURLUSESSL_TRY)
                                             : static_cast<long>(CURLUSESSL_ALL));
  if (!options_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
  }
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK)
    return core::makeError(core::ErrorCode::Internal,
                           "Không gửi được thư tới " + m.to.address + ": " +
                               (err[0] ? std::string(err) : std::string(curl_easy_strerror(rc))));
  return {};
}

}  // namespace baocao::app
