// libcudnn.so.8 for the emulator: tensor/filter/convolution/pooling descriptors, one algorithm per
// query, and naive host loops for convolution forward / backward data / backward filter (groups,
// dilation, padding) and pooling forward / average backward, with the consistency checks cuDNN makes
// (shapes of x, w and y against the convolution). Max-pooling backward returns NOT_SUPPORTED: the
// backend runs its own kernel for it.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>
struct TensorDesc { int type, n, c, h, w; };
struct ConvDesc { int ph, pw, sh, sw, dh, dw, mode, type, groups, math; };
struct PoolDesc { int mode, nan, wh, ww, ph, pw, sh, sw; };
struct Perf { int algo; int status; float time; size_t memory; int determinism; int mathType; int reserved[3]; };

static int fill(int requested, int* returned, Perf* perf) {
    if (requested < 1) return 3;
    perf[0] = Perf{1, 0, 0.f, 0, 1, 0, {0, 0, 0}};
    *returned = 1;
    return 0;
}
static bool dims(const TensorDesc* x, const TensorDesc* w, const ConvDesc* c, const TensorDesc* y) {
    int p = (x->h + 2 * c->ph - c->dh * (w->h - 1) - 1) / c->sh + 1;
    int q = (x->w + 2 * c->pw - c->dw * (w->w - 1) - 1) / c->sw + 1;
    bool ok = x->c == w->c * c->groups && w->n % c->groups == 0 && y->n == x->n && y->c == w->n && y->h == p && y->w == q
              && x->type == w->type && x->type == y->type && c->mode == 1;
    if (!ok) {
        std::fprintf(stderr, "emu cudnn: inconsistent convolution x %d %d %d %d w %d %d %d %d y %d %d %d %d\n", x->n, x->c, x->h, x->w,
                     w->n, w->c, w->h, w->w, y->n, y->c, y->h, y->w);
    }
    return ok;
}

// which: 0 forward (out = y), 1 backward data (out = dx), 2 backward filter (out = dw)
template <typename T>
static void conv(int which, const TensorDesc* xd, const TensorDesc* wd, const ConvDesc* c, const TensorDesc* yd, const T* x,
                 const T* w, const T* y, T* out, double alpha, double beta, size_t outCount) {
    std::vector<double> acc(outCount, 0.0);
    int cg = xd->c / c->groups, kg = wd->n / c->groups;
    for (int n = 0; n < xd->n; ++n)
        for (int k = 0; k < wd->n; ++k)
            for (int p = 0; p < yd->h; ++p)
                for (int q = 0; q < yd->w; ++q)
                    for (int ci = 0; ci < cg; ++ci)
                        for (int r = 0; r < wd->h; ++r)
                            for (int s = 0; s < wd->w; ++s) {
                                int h = p * c->sh - c->ph + r * c->dh, v = q * c->sw - c->pw + s * c->dw;
                                if (h < 0 || h >= xd->h || v < 0 || v >= xd->w) continue;
                                size_t xi = (((size_t) n * xd->c + (k / kg) * cg + ci) * xd->h + h) * xd->w + v;
                                size_t wi = (((size_t) k * cg + ci) * wd->h + r) * wd->w + s;
                                size_t yi = (((size_t) n * yd->c + k) * yd->h + p) * yd->w + q;
                                if (which == 0) acc[yi] += (double) x[xi] * w[wi];
                                else if (which == 1) acc[xi] += (double) y[yi] * w[wi];
                                else acc[wi] += (double) y[yi] * x[xi];
                            }
    for (size_t i = 0; i < outCount; ++i) out[i] = (T) (alpha * acc[i] + (beta == 0 ? 0 : beta * (double) out[i]));
}

static size_t count(const TensorDesc* t) { return (size_t) t->n * t->c * t->h * t->w; }
static double scalar(int type, const void* p) { return type == 1 ? *(const double*) p : *(const float*) p; }

template <typename T>
static void pool(bool backward, const PoolDesc* d, const TensorDesc* xd, const TensorDesc* yd, const T* x, const T* dy, T* out,
                 double alpha, double beta) {
    std::vector<double> acc(backward ? count(xd) : count(yd), 0.0);
    for (int plane = 0; plane < xd->n * xd->c; ++plane)
        for (int p = 0; p < yd->h; ++p)
            for (int q = 0; q < yd->w; ++q) {
                double m = -INFINITY, sum = 0;
                int cnt = 0;
                bool nan = false;
                for (int r = 0; r < d->wh; ++r)
                    for (int s = 0; s < d->ww; ++s) {
                        int h = p * d->sh - d->ph + r, v = q * d->sw - d->pw + s;
                        if (h < 0 || h >= xd->h || v < 0 || v >= xd->w) continue;
                        double e = x[((size_t) plane * xd->h + h) * xd->w + v];
                        nan |= e != e;
                        m = e > m ? e : m;
                        sum += e;
                        ++cnt;
                    }
                double div = d->mode == 1 ? d->wh * d->ww : cnt;
                size_t yi = ((size_t) plane * yd->h + p) * yd->w + q;
                if (!backward) {
                    acc[yi] = d->mode == 0 || d->mode == 3 ? (nan ? NAN : m) : sum / div;
                    continue;
                }
                for (int r = 0; r < d->wh; ++r)
                    for (int s = 0; s < d->ww; ++s) {
                        int h = p * d->sh - d->ph + r, v = q * d->sw - d->pw + s;
                        if (h < 0 || h >= xd->h || v < 0 || v >= xd->w) continue;
                        acc[((size_t) plane * xd->h + h) * xd->w + v] += dy[yi] / div;
                    }
            }
    for (size_t i = 0; i < acc.size(); ++i) out[i] = (T) (alpha * acc[i] + (beta == 0 ? 0 : beta * (double) out[i]));
}

extern "C" {
size_t cudnnGetVersion() { return 8907; }
const char* cudnnGetErrorString(int s) { return s == 0 ? "CUDNN_STATUS_SUCCESS" : s == 3 ? "CUDNN_STATUS_BAD_PARAM" : "CUDNN_STATUS_ERROR"; }
int cudnnCreate(void** h) { *h = (void*) 0x20; return 0; }
int cudnnDestroy(void*) { return 0; }
int cudnnSetStream(void*, void*) { return 0; }
int cudnnCreateTensorDescriptor(TensorDesc** d) { *d = new TensorDesc{}; return 0; }
int cudnnDestroyTensorDescriptor(TensorDesc* d) { delete d; return 0; }
int cudnnSetTensor4dDescriptor(TensorDesc* d, int format, int type, int n, int c, int h, int w) {
    if (format != 0 || n <= 0 || c <= 0 || h <= 0 || w <= 0) return 3;
    *d = TensorDesc{type, n, c, h, w};
    return 0;
}
int cudnnCreateFilterDescriptor(TensorDesc** d) { *d = new TensorDesc{}; return 0; }
int cudnnDestroyFilterDescriptor(TensorDesc* d) { delete d; return 0; }
int cudnnSetFilter4dDescriptor(TensorDesc* d, int type, int format, int k, int c, int h, int w) {
    if (format != 0 || k <= 0 || c <= 0 || h <= 0 || w <= 0) return 3;
    *d = TensorDesc{type, k, c, h, w};
    return 0;
}
int cudnnCreateConvolutionDescriptor(ConvDesc** d) { *d = new ConvDesc{}; (*d)->groups = 1; return 0; }
int cudnnDestroyConvolutionDescriptor(ConvDesc* d) { delete d; return 0; }
int cudnnSetConvolution2dDescriptor(ConvDesc* d, int ph, int pw, int sh, int sw, int dh, int dw, int mode, int type) {
    d->ph = ph; d->pw = pw; d->sh = sh; d->sw = sw; d->dh = dh; d->dw = dw; d->mode = mode; d->type = type;
    return ph < 0 || pw < 0 || sh < 1 || sw < 1 || dh < 1 || dw < 1 ? 3 : 0;
}
int cudnnSetConvolutionGroupCount(ConvDesc* d, int g) { d->groups = g; return g < 1 ? 3 : 0; }
int cudnnSetConvolutionMathType(ConvDesc* d, int m) { d->math = m; return 0; }
int cudnnGetConvolutionForwardAlgorithmMaxCount(void*, int* n) { *n = 8; return 0; }
int cudnnGetConvolutionBackwardDataAlgorithmMaxCount(void*, int* n) { *n = 6; return 0; }
int cudnnGetConvolutionBackwardFilterAlgorithmMaxCount(void*, int* n) { *n = 7; return 0; }
int cudnnGetConvolutionForwardAlgorithm_v7(void*, TensorDesc* x, TensorDesc* w, ConvDesc* c, TensorDesc* y, int req, int* ret, Perf* p) {
    return dims(x, w, c, y) ? fill(req, ret, p) : 3;
}
int cudnnGetConvolutionBackwardDataAlgorithm_v7(void*, TensorDesc* w, TensorDesc* dy, ConvDesc* c, TensorDesc* dx, int req, int* ret, Perf* p) {
    return dims(dx, w, c, dy) ? fill(req, ret, p) : 3;
}
int cudnnGetConvolutionBackwardFilterAlgorithm_v7(void*, TensorDesc* x, TensorDesc* dy, ConvDesc* c, TensorDesc* dw, int req, int* ret, Perf* p) {
    return dims(x, dw, c, dy) ? fill(req, ret, p) : 3;
}
int cudnnFindConvolutionForwardAlgorithmEx(void* h, TensorDesc* x, void*, TensorDesc* w, void*, ConvDesc* c, TensorDesc* y, void*, int req, int* ret, Perf* p, void*, size_t) {
    return cudnnGetConvolutionForwardAlgorithm_v7(h, x, w, c, y, req, ret, p);
}
int cudnnFindConvolutionBackwardDataAlgorithmEx(void* h, TensorDesc* w, void*, TensorDesc* dy, void*, ConvDesc* c, TensorDesc* dx, void*, int req, int* ret, Perf* p, void*, size_t) {
    return cudnnGetConvolutionBackwardDataAlgorithm_v7(h, w, dy, c, dx, req, ret, p);
}
int cudnnFindConvolutionBackwardFilterAlgorithmEx(void* h, TensorDesc* x, void*, TensorDesc* dy, void*, ConvDesc* c, TensorDesc* dw, void*, int req, int* ret, Perf* p, void*, size_t) {
    return cudnnGetConvolutionBackwardFilterAlgorithm_v7(h, x, dy, c, dw, req, ret, p);
}
int cudnnGetConvolutionForwardWorkspaceSize(void*, TensorDesc*, TensorDesc*, ConvDesc*, TensorDesc*, int, size_t* s) { *s = 0; return 0; }
int cudnnGetConvolutionBackwardDataWorkspaceSize(void*, TensorDesc*, TensorDesc*, ConvDesc*, TensorDesc*, int, size_t* s) { *s = 0; return 0; }
int cudnnGetConvolutionBackwardFilterWorkspaceSize(void*, TensorDesc*, TensorDesc*, ConvDesc*, TensorDesc*, int, size_t* s) { *s = 0; return 0; }
int cudnnConvolutionForward(void*, const void* a, TensorDesc* xd, const void* x, TensorDesc* wd, const void* w, ConvDesc* c, int, void*, size_t,
                            const void* b, TensorDesc* yd, void* y) {
    if (!dims(xd, wd, c, yd)) return 3;
    if (xd->type == 1) conv(0, xd, wd, c, yd, (const double*) x, (const double*) w, (const double*) nullptr, (double*) y, scalar(1, a), scalar(1, b), count(yd));
    else conv(0, xd, wd, c, yd, (const float*) x, (const float*) w, (const float*) nullptr, (float*) y, scalar(0, a), scalar(0, b), count(yd));
    return 0;
}
int cudnnConvolutionBackwardData(void*, const void* a, TensorDesc* wd, const void* w, TensorDesc* dyd, const void* dy, ConvDesc* c, int, void*,
                                 size_t, const void* b, TensorDesc* dxd, void* dx) {
    if (!dims(dxd, wd, c, dyd)) return 3;
    if (dxd->type == 1) conv(1, dxd, wd, c, dyd, (const double*) nullptr, (const double*) w, (const double*) dy, (double*) dx, scalar(1, a), scalar(1, b), count(dxd));
    else conv(1, dxd, wd, c, dyd, (const float*) nullptr, (const float*) w, (const float*) dy, (float*) dx, scalar(0, a), scalar(0, b), count(dxd));
    return 0;
}
int cudnnConvolutionBackwardFilter(void*, const void* a, TensorDesc* xd, const void* x, TensorDesc* dyd, const void* dy, ConvDesc* c, int, void*,
                                   size_t, const void* b, TensorDesc* dwd, void* dw) {
    if (!dims(xd, dwd, c, dyd)) return 3;
    size_t n = (size_t) dwd->n * dwd->c * dwd->h * dwd->w;
    if (xd->type == 1) conv(2, xd, dwd, c, dyd, (const double*) x, (const double*) nullptr, (const double*) dy, (double*) dw, scalar(1, a), scalar(1, b), n);
    else conv(2, xd, dwd, c, dyd, (const float*) x, (const float*) nullptr, (const float*) dy, (float*) dw, scalar(0, a), scalar(0, b), n);
    return 0;
}
int cudnnCreatePoolingDescriptor(PoolDesc** d) { *d = new PoolDesc{}; return 0; }
int cudnnDestroyPoolingDescriptor(PoolDesc* d) { delete d; return 0; }
int cudnnSetPooling2dDescriptor(PoolDesc* d, int mode, int nan, int wh, int ww, int ph, int pw, int sh, int sw) {
    *d = PoolDesc{mode, nan, wh, ww, ph, pw, sh, sw};
    return ph >= wh || pw >= ww ? 3 : 0;
}
int cudnnPoolingForward(void*, PoolDesc* d, const void* a, TensorDesc* xd, const void* x, const void* b, TensorDesc* yd, void* y) {
    if (xd->type == 1) pool<double>(false, d, xd, yd, (const double*) x, nullptr, (double*) y, scalar(1, a), scalar(1, b));
    else pool<float>(false, d, xd, yd, (const float*) x, nullptr, (float*) y, scalar(0, a), scalar(0, b));
    return 0;
}
int cudnnPoolingBackward(void*, PoolDesc* d, const void* a, TensorDesc* yd, const void*, TensorDesc*, const void* dy, TensorDesc* xd,
                         const void* x, const void* b, TensorDesc*, void* dx) {
    if (d->mode == 0 || d->mode == 3) return 9;  // MAX backward is Faltung's own kernel
    if (xd->type == 1) pool<double>(true, d, xd, yd, (const double*) x, (const double*) dy, (double*) dx, scalar(1, a), scalar(1, b));
    else pool<float>(true, d, xd, yd, (const float*) x, (const float*) dy, (float*) dx, scalar(0, a), scalar(0, b));
    return 0;
}
}
