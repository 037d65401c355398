//! JSON errors: every non-2xx response is `{"error": {"status", "code", "message"}}`,
//! plus the runtime's verdict (`result`) when the runtime produced the error.
//!
//! Codes come from the contract's vocabulary where it fits (`envelope.malformed`,
//! `envelope.form`, `envelope.version`, `attachment.*`) and from a few
//! request-level codes otherwise (`request.*`, `admin.forbidden`, `reload.failed`,
//! `internal`). Messages are data: ja and en, chosen by `?lang=`; they never
//! repeat the request's content.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use schemars::JsonSchema;
use serde::Serialize;
use shinsei_ir::SelectError;
use shinsei_runtime::{Code, FileCode, Lang, ValidationResult};

/// What went wrong, as data; [`ApiError::message`] renders it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The body is not JSON the runtime can read (its own message is passed on).
    Malformed(String),
    /// The body is larger than the limit (bytes).
    BodyTooLarge(u64),
    /// The body could not be read to its end (client gone, broken chunking).
    BodyUnreadable,
    /// The body did not arrive in time (seconds).
    BodyTimeout(u64),
    /// The Content-Type is not the one this route takes.
    ContentType(&'static str),
    /// No form has this id.
    UnknownForm,
    /// No version of the form applies ([`shinsei_ir::Bundle::select`]).
    Select(SelectError),
    /// The envelope's `form` is not the form of the URL.
    FormMismatch,
    /// The runtime stopped before a form version was chosen (its message is passed on).
    Envelope(String),
    /// A query parameter is wrong (which one).
    Query(&'static str),
    /// A query parameter the route does not take (its name is not repeated:
    /// it is the client's text).
    QueryUnknown,
    /// The form has no such attachment slot.
    UnknownSlot,
    /// The declared media type is not PDF, JPEG or PNG.
    AttachmentType,
    /// The upload is larger than the slot allows (bytes).
    AttachmentTooLarge(u64),
    /// No such route.
    NotFound,
    /// The route exists, the method does not.
    MethodNotAllowed,
    /// The admin endpoint was called from elsewhere than loopback without a token.
    Forbidden,
    /// A reload was refused; the old bundle is still served (why).
    ReloadFailed(String),
    /// A bug: the handler panicked (caught; the process goes on).
    Internal,
    /// The request head breaks HTTP/1.1 (which part: a fixed description,
    /// never the client's bytes).
    BadHead(&'static str),
    /// The request head is larger than the limit (bytes).
    HeadTooLarge(usize),
    /// The request line is longer than the head may be.
    UriTooLong,
    /// Not HTTP/1.0 or HTTP/1.1.
    HttpVersion,
    /// The request head did not arrive in time (seconds).
    HeadTimeout(u64),
    /// Every connection slot is taken.
    Busy,
    /// A `Content-Encoding` other than gzip, br or identity.
    ContentEncoding,
    /// A query parameter given twice (which one).
    QueryRepeated(&'static str),
    /// The `Accept` header takes neither of the representations the route
    /// makes (render: HTML, PDF).
    NotAcceptable,
    /// A PDF was asked for and this server cannot write one (no Japanese font).
    NoPdf,
    /// The body is not an application file (the runtime's reason).
    Application(String),
}

/// A JSON error response.
#[derive(Clone, Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable code (`envelope.malformed`, `request.content_type`, …).
    pub code: &'static str,
    /// What went wrong.
    pub problem: Problem,
    /// Message language.
    pub lang: Lang,
    /// The runtime's verdict, when it produced the error.
    pub result: Option<Box<ValidationResult>>,
}

/// The body of every error response (`Error` in the OpenAPI document).
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Error")]
pub(crate) struct ErrorBody<'a> {
    error: ErrorInfo<'a>,
    /// The runtime's verdict, when the runtime refused the envelope
    /// (`envelope.malformed`, `envelope.too_large`, `envelope.form`,
    /// `envelope.version`, `type`).
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<&'a ValidationResult>,
}

/// What went wrong.
#[derive(Serialize, JsonSchema)]
struct ErrorInfo<'a> {
    /// The HTTP status, again.
    #[schemars(range(min = 400, max = 599))]
    status: u16,
    /// Stable code: the runtime's vocabulary where it fits (`envelope.*`,
    /// `attachment.*`, `type`), else a request-level one (`request.*`,
    /// `server.busy`, `admin.forbidden`, `reload.failed`, `internal`). Each
    /// response of the document lists the codes it can carry.
    code: &'a str,
    /// What went wrong, in the language asked (`?lang=`); it never repeats
    /// the request's content.
    message: &'a str,
}

impl ApiError {
    /// The error for `problem`, with its status and code.
    pub fn new(problem: Problem) -> Self {
        use Problem as P;
        let (status, code) = match &problem {
            P::Malformed(_) => (StatusCode::BAD_REQUEST, Code::EnvelopeMalformed.as_str()),
            // The runtime's code for the same bytes (the WASM package gives it too).
            P::BodyTooLarge(_) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                Code::EnvelopeTooLarge.as_str(),
            ),
            P::BodyUnreadable => (StatusCode::BAD_REQUEST, "request.body"),
            P::BodyTimeout(_) => (StatusCode::REQUEST_TIMEOUT, "request.timeout"),
            P::ContentType(_) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "request.content_type"),
            P::UnknownForm => (StatusCode::NOT_FOUND, Code::EnvelopeForm.as_str()),
            P::Select(e) => (StatusCode::NOT_FOUND, Code::for_selection(e).as_str()),
            P::FormMismatch => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Code::EnvelopeForm.as_str(),
            ),
            P::Envelope(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Code::EnvelopeForm.as_str(),
            ),
            P::Query(_) | P::QueryUnknown => (StatusCode::BAD_REQUEST, "request.query"),
            P::UnknownSlot => (StatusCode::NOT_FOUND, Code::AttachmentUnknownSlot.as_str()),
            P::AttachmentType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                Code::AttachmentType.as_str(),
            ),
            P::AttachmentTooLarge(_) => {
                (StatusCode::PAYLOAD_TOO_LARGE, Code::AttachmentSize.as_str())
            }
            P::NotFound => (StatusCode::NOT_FOUND, "request.not_found"),
            P::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "request.method"),
            P::Forbidden => (StatusCode::FORBIDDEN, "admin.forbidden"),
            P::ReloadFailed(_) => (StatusCode::UNPROCESSABLE_ENTITY, "reload.failed"),
            P::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
            P::BadHead(_) => (StatusCode::BAD_REQUEST, "request.malformed"),
            P::HeadTooLarge(_) => (
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "request.head_too_large",
            ),
            P::UriTooLong => (StatusCode::URI_TOO_LONG, "request.uri_too_long"),
            P::HttpVersion => (StatusCode::HTTP_VERSION_NOT_SUPPORTED, "request.version"),
            P::HeadTimeout(_) => (StatusCode::REQUEST_TIMEOUT, "request.timeout"),
            P::Busy => (StatusCode::SERVICE_UNAVAILABLE, "server.busy"),
            P::ContentEncoding => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "request.content_encoding",
            ),
            P::QueryRepeated(_) => (StatusCode::BAD_REQUEST, "request.query"),
            P::NotAcceptable => (StatusCode::NOT_ACCEPTABLE, "request.accept"),
            P::NoPdf => (StatusCode::NOT_ACCEPTABLE, "render.pdf"),
            P::Application(_) => (StatusCode::BAD_REQUEST, FileCode::Malformed.as_str()),
        };
        ApiError {
            status,
            code,
            problem,
            lang: Lang::Ja,
            result: None,
        }
    }

    /// In language `lang`.
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// With another code (the runtime's, for [`Problem::Envelope`]).
    pub fn code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    /// Carrying the runtime's verdict.
    pub fn with_result(mut self, result: ValidationResult) -> Self {
        self.result = Some(Box::new(result));
        self
    }

    /// The message in the error's language.
    pub fn message(&self) -> String {
        use Problem as P;
        let en = self.lang == Lang::En;
        let pick = |ja: &str, e: &str| if en { e.to_owned() } else { ja.to_owned() };
        match &self.problem {
            P::Malformed(m) | P::Envelope(m) => m.clone(),
            P::BodyTooLarge(n) => pick(
                &format!("送信データが大きすぎます（{n}バイトまで）"),
                &format!("the request body is too large (at most {n} bytes)"),
            ),
            P::BodyUnreadable => pick(
                "送信データを最後まで読めませんでした",
                "the request body could not be read to its end",
            ),
            P::BodyTimeout(secs) => pick(
                &format!("送信データが{secs}秒以内に届きませんでした"),
                &format!("the request body did not arrive within {secs} seconds"),
            ),
            P::ContentType(want) => pick(
                &format!("Content-Type は {want} にしてください"),
                &format!("the Content-Type must be {want}"),
            ),
            P::UnknownForm => pick("この申請書は見つかりません", "unknown form"),
            P::Select(SelectError::UnknownForm { .. } | SelectError::UnsupportedBundle { .. }) => {
                pick("この申請書は見つかりません", "unknown form")
            }
            P::Select(SelectError::UnknownVersion { .. }) => pick(
                "この申請書にその版はありません",
                "the form has no such version",
            ),
            P::Select(SelectError::NotEffective { on, .. }) => pick(
                &format!("その版は{on}には受け付けていません"),
                &format!("that version of the form is not in force on {on}"),
            ),
            P::Select(SelectError::NoneEffective { on, .. }) => pick(
                &format!("{on}に受け付けている版はありません"),
                &format!("no version of the form is in force on {on}"),
            ),
            P::FormMismatch => pick(
                "送信データの申請書の種類（form）が URL の申請書と一致しません",
                "the envelope's form does not match the form in the URL",
            ),
            P::QueryUnknown => pick(
                "対応していないクエリパラメータがあります",
                "unknown query parameter",
            ),
            P::Query(name) => pick(
                &format!("クエリパラメータ {name} が正しくありません"),
                &format!("the query parameter {name} is not valid"),
            ),
            P::UnknownSlot => pick(
                "この申請書にない添付書類の種類です",
                "this form has no such attachment slot",
            ),
            P::AttachmentType => pick(
                "添付できるファイルの種類は PDF, JPEG, PNG です（Content-Type: application/pdf, image/jpeg, image/png）",
                "attachments must be PDF, JPEG or PNG (Content-Type: application/pdf, image/jpeg, image/png)",
            ),
            P::AttachmentTooLarge(n) => pick(
                &format!("ファイルが大きすぎます（{n}バイトまで）"),
                &format!("the file is too large (at most {n} bytes)"),
            ),
            P::NotFound => pick("そのURLはありません", "no such resource"),
            P::MethodNotAllowed => pick(
                "このURLはそのメソッドに対応していません",
                "this resource does not support that method",
            ),
            P::Forbidden => pick(
                "管理操作はループバックから、またはトークン付きでのみ行えます",
                "admin requests are accepted from loopback or with the admin token only",
            ),
            P::ReloadFailed(why) => pick(
                &format!("再読み込みを中止しました（旧バンドルで運用を続けます）: {why}"),
                &format!("reload refused, the previous bundle is still served: {why}"),
            ),
            P::Internal => pick("サーバー内部で問題が発生しました", "internal server error"),
            P::BadHead(what) => pick(
                &format!("HTTPリクエストの形式が正しくありません（{what}）"),
                &format!("the HTTP request is malformed ({what})"),
            ),
            P::HeadTooLarge(n) => pick(
                &format!("HTTPリクエストのヘッダーが大きすぎます（{n}バイトまで）"),
                &format!("the request head is too large (at most {n} bytes)"),
            ),
            P::UriTooLong => pick("URLが長すぎます", "the request target is too long"),
            P::HttpVersion => pick(
                "HTTP/1.1（または HTTP/1.0）で送信してください",
                "only HTTP/1.1 and HTTP/1.0 are served",
            ),
            P::HeadTimeout(secs) => pick(
                &format!("HTTPリクエストのヘッダーが{secs}秒以内に届きませんでした"),
                &format!("the request head did not arrive within {secs} seconds"),
            ),
            P::Busy => pick(
                "混み合っています。しばらくしてから再度送信してください",
                "the service is busy; try again shortly",
            ),
            P::ContentEncoding => pick(
                "Content-Encoding は gzip か br にしてください（圧縮しない場合は指定不要です）",
                "the Content-Encoding must be gzip or br (or none)",
            ),
            P::QueryRepeated(name) => pick(
                &format!("クエリパラメータ {name} が重複しています"),
                &format!("the query parameter {name} is given more than once"),
            ),
            P::NotAcceptable => pick(
                "text/html か application/pdf を受け付ける Accept ヘッダーにしてください",
                "the Accept header must take text/html or application/pdf",
            ),
            P::NoPdf => pick(
                "このサーバーでは PDF を作成できません（日本語フォントがありません）。HTML（Accept: text/html）をご利用ください",
                "this server cannot write PDF (no Japanese font installed); ask for HTML (Accept: text/html)",
            ),
            P::Application(why) => pick(
                &format!("申請ファイルとして読み込めません（{why}）"),
                &format!("not an application file ({why})"),
            ),
        }
    }
}

impl ApiError {
    /// The JSON body.
    pub(crate) fn body(&self) -> Vec<u8> {
        let message = self.message();
        let body = ErrorBody {
            error: ErrorInfo {
                status: self.status.as_u16(),
                code: self.code,
                message: &message,
            },
            result: self.result.as_deref(),
        };
        serde_json::to_vec(&body).unwrap_or_default()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let bytes = self.body();
        let mut response = (self.status, bytes).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response.extensions_mut().insert(ErrorCode(self.code));
        response
    }
}

/// The code of an error response, for the access log and metrics.
#[derive(Clone, Copy, Debug)]
pub struct ErrorCode(pub &'static str);
