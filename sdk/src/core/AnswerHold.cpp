#include <motel/sdk/AnswerHold.h>

namespace motel::sdk {

namespace {
/// Where the holds of the request this thread is dispatching go
/// (AnswerHolds::Scope); null outside a request.
thread_local std::shared_ptr<AnswerHolds>* currentSlot = nullptr;
} // namespace

AnswerHold::AnswerHold(std::shared_ptr<AnswerHolds> holds) : holds_(std::move(holds)) {}

AnswerHold::~AnswerHold() {
    release();
}

void AnswerHold::release() noexcept {
    if (released_.exchange(true)) return;
    holds_->released();
    holds_.reset();
}

std::shared_ptr<AnswerHold> holdAnswer() {
    if (!currentSlot) return nullptr;
    if (!*currentSlot) *currentSlot = std::make_shared<AnswerHolds>();
    return (*currentSlot)->take();
}

std::shared_ptr<AnswerHold> AnswerHolds::take() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++pending_;
    }
    return std::make_shared<AnswerHold>(shared_from_this());
}

std::size_t AnswerHolds::pending() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return pending_;
}

void AnswerHolds::whenReleased(std::function<void()> then) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (done_ || then_) return;
        if (pending_ > 0) {
            then_ = std::move(then);
            return;
        }
        done_ = true;
    }
    if (then) then();
}

bool AnswerHolds::expire() {
    std::function<void()> then;
    bool stillPending = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (done_) return false;
        done_ = true;
        stillPending = pending_ > 0;
        then.swap(then_);
    }
    if (then) then();
    return stillPending;
}

void AnswerHolds::released() {
    std::function<void()> then;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (pending_ > 0) --pending_;
        if (pending_ > 0 || done_ || !then_) return;
        done_ = true;
        then.swap(then_);
    }
    then();
}

AnswerHolds::Scope::Scope(std::shared_ptr<AnswerHolds>* slot) : previous_(currentSlot) {
    currentSlot = slot;
}

AnswerHolds::Scope::~Scope() {
    currentSlot = previous_;
}

} // namespace motel::sdk
