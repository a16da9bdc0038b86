main() {   
  echo hi  
}
