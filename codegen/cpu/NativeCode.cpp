// LLVM IR, -O3 and object code for the cpu target (see NativeCode.h).
#include "codegen/cpu/NativeCode.h"

#include "passes/TrainingPipeline.h"
#include "abi/NativeAbi.h"

#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/Transforms/Utils/SplitModule.h"

#include "mlir/IR/SymbolTable.h"

#include <thread>

using llvm::Expected;

namespace dlc::cpu {

static llvm::Error error(const llvm::Twine &message) {
  return llvm::make_error<llvm::StringError>(message, llvm::inconvertibleErrorCode());
}

Expected<std::unique_ptr<llvm::TargetMachine>> createTargetMachine(llvm::StringRef cpu) {
  static const bool initialised = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)initialised;
  std::string triple = llvm::sys::getProcessTriple();
  std::string lookupError;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, lookupError);
  if (!target)
    return error("cpu target: no LLVM backend for " + triple + ": " + lookupError);
  std::string cpuName, features;
  if (cpu.empty() || cpu == "native") {
    cpuName = llvm::sys::getHostCPUName().str();
    llvm::SubtargetFeatures list;
    for (const auto &feature : llvm::sys::getHostCPUFeatures())
      list.AddFeature(feature.first(), feature.second);
    features = list.getString();
  } else {
    cpuName = cpu.str();
    // Checked on a generic subtarget first: LLVM itself only prints a warning
    // for an unknown CPU and goes on with a generic one.
    std::unique_ptr<llvm::MCSubtargetInfo> generic(target->createMCSubtargetInfo(triple, "", ""));
    if (!generic || !generic->isCPUStringValid(cpuName))
      return error("cpu target: --cpu=" + cpuName + " is not a CPU LLVM knows for " + triple +
                   " (e.g. x86-64-v3, skylake-avx512, znver4, native)");
  }
  llvm::TargetOptions options;
  // Every multiply followed by an add may become an FMA (one rounding
  // instead of two): the cpu target agrees with cpu-ref by tolerance, not
  // bit for bit (docs/cpu-target.md, "Agreement with cpu-ref").
  options.AllowFPOpFusion = llvm::FPOpFusion::Fast;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpuName, features, options, llvm::Reloc::PIC_, std::nullopt,
      llvm::CodeGenOptLevel::Aggressive));
  if (!machine)
    return error("cpu target: LLVM cannot create a target machine for " + triple);
  if (!machine->getMCSubtargetInfo()->isCPUStringValid(cpuName))
    return error("cpu target: --cpu=" + cpuName + " is not a CPU LLVM knows for " +
                 triple + " (e.g. x86-64-v3, skylake-avx512, znver4, native)");
  return machine;
}

Expected<std::unique_ptr<llvm::Module>> translateToLLVMIR(mlir::ModuleOp module,
                                                          llvm::LLVMContext &context,
                                                          llvm::TargetMachine &machine,
                                                          llvm::ArrayRef<llvm::StringRef> entries,
                                                          bool definesSharedSymbols) {
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, context, "dlc");
  if (!llvmModule)
    return error("cpu target: translation to LLVM IR failed (see the diagnostics above)");
  llvmModule->setTargetTriple(machine.getTargetTriple().str());
  llvmModule->setDataLayout(machine.createDataLayout());

  // Everything but the ABI becomes internal, so -O3 inlines the entries into
  // their wrappers and drops what nothing calls.
  for (llvm::Function &f : *llvmModule)
    if (!f.isDeclaration())
      f.setLinkage(llvm::GlobalValue::InternalLinkage);

  llvm::IRBuilder<> b(context);
  llvm::Type *ptr = b.getPtrTy();
  for (llvm::StringRef name : entries) {
    llvm::Function *cInterface = llvmModule->getFunction(("_mlir_ciface_" + name).str());
    if (!cInterface)
      return error("cpu target: the lowered module has no C interface for @" + name);
    auto *wrapper = llvm::Function::Create(
        llvm::FunctionType::get(b.getVoidTy(), {ptr}, false),
        llvm::GlobalValue::ExternalLinkage, (abi::kEntryPrefix + name).str(),
        *llvmModule);
    wrapper->setDoesNotThrow();
    b.SetInsertPoint(llvm::BasicBlock::Create(context, "entry", wrapper));
    llvm::SmallVector<llvm::Value *> args;
    for (unsigned i = 0; i < cInterface->arg_size(); ++i)
      args.push_back(b.CreateLoad(ptr, b.CreateConstInBoundsGEP1_64(ptr, wrapper->getArg(0), i)));
    b.CreateCall(cInterface, args);
    b.CreateRetVoid();
  }
  // The mutable globals the runtime reads and writes (the run seed, the error
  // word): defined by the object that defines the ABI's shared symbols,
  // declared by the others.
  auto shared = [&](const char *name, llvm::Type *type) {
    llvm::GlobalVariable *g = llvmModule->getGlobalVariable(name);
    if (!definesSharedSymbols) {
      if (g) {
        g->setInitializer(nullptr);
        g->setLinkage(llvm::GlobalValue::ExternalLinkage);
      }
      return;
    }
    if (g)
      g->setLinkage(llvm::GlobalValue::ExternalLinkage);
    else
      new llvm::GlobalVariable(*llvmModule, type, /*isConstant=*/false,
                               llvm::GlobalValue::ExternalLinkage,
                               llvm::ConstantInt::get(type, 0), name);
  };
  shared(abi::kRunSeedSymbol, b.getInt64Ty());
  shared(abi::kErrorSymbol, b.getInt32Ty());
  if (definesSharedSymbols)
    new llvm::GlobalVariable(*llvmModule, b.getInt32Ty(), /*isConstant=*/true,
                             llvm::GlobalValue::ExternalLinkage,
                             b.getInt32(abi::kNativeAbiVersion), abi::kAbiVersionSymbol);
  return llvmModule;
}

namespace {

/// Instructions of `module` (a measure of its -O3 and code generation time).
size_t instructionCount(const llvm::Module &module) {
  size_t count = 0;
  for (const llvm::Function &f : module)
    count += f.getInstructionCount();
  return count;
}

/// A module this large is split in two (llvm::SplitModule, by function),
/// so its halves are optimised and emitted on two threads: train_step is
/// about 70 % of a task's code (babi_rnn: 28,815 of 41,000 lines of LLVM
/// dialect) and otherwise bounds the compile time alone.
constexpr size_t kSplitInstructions = 20000;

} // namespace

Expected<std::vector<std::string>> compileObjects(mlir::ModuleOp lowered, llvm::StringRef cpu) {
  // One module per entry function, translated here (MLIR is read on this
  // thread only), each into its own LLVM context; a large one split in two
  // halves that travel as bitcode into contexts of their own.
  struct Part {
    std::unique_ptr<llvm::LLVMContext> context = std::make_unique<llvm::LLVMContext>();
    std::unique_ptr<llvm::Module> module;
    std::string bitcode;
    std::string object, error;
  };
  auto machine = createTargetMachine(cpu);
  if (!machine)
    return machine.takeError();
  std::vector<Part> parts;
  for (size_t i = 0; i < trainingEntryFunctions().size(); ++i) {
    llvm::StringRef entry = trainingEntryFunctions()[i];
    mlir::OwningOpRef<mlir::ModuleOp> part = lowered.clone();
    for (llvm::StringRef other : trainingEntryFunctions()) {
      if (other == entry)
        continue;
      for (std::string name : {other.str(), "_mlir_ciface_" + other.str()})
        if (mlir::Operation *f = mlir::SymbolTable::lookupSymbolIn(*part, name))
          f->erase();
    }
    Part whole;
    auto module = translateToLLVMIR(*part, *whole.context, **machine, {entry},
                                    /*definesSharedSymbols=*/i == 0);
    if (!module)
      return module.takeError();
    if (instructionCount(**module) < kSplitInstructions ||
        std::thread::hardware_concurrency() < 2) {
      whole.module = std::move(*module);
      parts.push_back(std::move(whole));
      continue;
    }
    // Its locals become hidden globals, visible to the other half only:
    // each entry's module is split at most once, and the other entries'
    // modules keep their copies of shared helpers local.
    llvm::SplitModule(**module, 2, [&](std::unique_ptr<llvm::Module> half) {
      Part p;
      llvm::raw_string_ostream os(p.bitcode);
      llvm::WriteBitcodeToFile(*half, os);
      os.flush();
      parts.push_back(std::move(p));
    });
  }
  // -O3 and code generation, one thread per part: each owns its context,
  // module and target machine (this thread reuses its own for the first).
  auto compile = [cpu](Part &part, llvm::TargetMachine *machine) {
    std::unique_ptr<llvm::TargetMachine> own;
    if (!machine) {
      auto created = createTargetMachine(cpu);
      if (!created) {
        part.error = llvm::toString(created.takeError());
        return;
      }
      own = std::move(*created);
      machine = own.get();
    }
    if (!part.module) {
      auto parsed = llvm::parseBitcodeFile(
          llvm::MemoryBufferRef(part.bitcode, "half"), *part.context);
      if (!parsed) {
        part.error = llvm::toString(parsed.takeError());
        return;
      }
      part.module = std::move(*parsed);
    }
    optimize(*part.module, *machine);
    auto object = emitMachineCode(*part.module, *machine, /*assembly=*/false);
    if (!object)
      part.error = llvm::toString(object.takeError());
    else
      part.object = std::move(*object);
  };
  std::vector<std::thread> threads;
  for (size_t i = 1; i < parts.size(); ++i)
    threads.emplace_back(compile, std::ref(parts[i]), nullptr);
  compile(parts[0], machine->get());
  for (std::thread &t : threads)
    t.join();
  std::vector<std::string> objects;
  for (Part &part : parts) {
    if (!part.error.empty())
      return error(part.error);
    objects.push_back(std::move(part.object));
  }
  return objects;
}

void optimize(llvm::Module &module, llvm::TargetMachine &machine) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = true;
  tuning.SLPVectorization = true;
  // Unrolling off: babi_rnn and cifar10_cnn compile in 2-3 s instead of
  // 10-11 s (the LLVM IR is 5x smaller), and training is no slower
  // (300 mnist_mlp steps: 19.2k samples/s off, 15-17k on; cifar10_cnn 231
  // vs 207) — the vectoriser interleaves the inner loops anyway.
  tuning.LoopUnrolling = false;
  llvm::PassBuilder builder(&machine, tuning);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager pipeline =
      builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
  pipeline.run(module, mam);
}

Expected<std::string> emitMachineCode(llvm::Module &module, llvm::TargetMachine &machine,
                                      bool assembly) {
  llvm::SmallString<0> bytes;
  llvm::raw_svector_ostream stream(bytes);
  llvm::legacy::PassManager pm;
  if (machine.addPassesToEmitFile(pm, stream, nullptr,
                                  assembly ? llvm::CodeGenFileType::AssemblyFile
                                           : llvm::CodeGenFileType::ObjectFile))
    return error("cpu target: LLVM cannot emit " +
                 llvm::Twine(assembly ? "assembly" : "an object file") + " for " +
                 machine.getTargetTriple().str());
  pm.run(module);
  return std::string(bytes.str());
}

} // namespace dlc::cpu
